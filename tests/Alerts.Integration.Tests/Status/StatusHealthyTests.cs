using System.Net;
using System.Text.Json;
using Alerts.Integration.Tests.Infrastructure;

namespace Alerts.Integration.Tests.Status;

/// <summary>A fresh <c>alerts serve</c> with the sample feeds: status ok with the whole schema, health 200.</summary>
public sealed class StatusHealthyTests(ServeFixture serve) : IClassFixture<ServeFixture>
{
    private const int SampleItems = 17;

    [Fact]
    public async Task Status_is_ok_and_carries_every_part_of_the_schema()
    {
        var status = await ClassifiedAsync();

        Assert.Equal("ok", status.GetProperty("status").GetString());
        Assert.Empty(status.GetProperty("reasons").EnumerateArray());
        Assert.Equal("0.1.0", status.GetProperty("version").GetString());
        Assert.True(status.GetProperty("checkedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));

        var feeds = status.GetProperty("feeds");
        Assert.Equal(3, feeds.GetProperty("total").GetInt32());
        Assert.Equal(3, feeds.GetProperty("healthy").GetInt32());
        Assert.Equal(0, feeds.GetProperty("failing").GetInt32());
        Assert.Equal(0, feeds.GetProperty("paused").GetInt32());
        Assert.Empty(feeds.GetProperty("worst").EnumerateArray());

        var queues = status.GetProperty("queues");
        Assert.Equal(["news-items", "digest-jobs", "webhook-deliveries"], queues.EnumerateObject().Select(q => q.Name));
        Assert.All(queues.EnumerateObject(), q => Assert.Equal(0, q.Value.GetProperty("poison").GetInt32()));

        var poll = status.GetProperty("runs").GetProperty("PollFeeds");
        Assert.Equal("succeeded", poll.GetProperty("outcome").GetString());
        Assert.Equal(SampleItems, poll.GetProperty("itemsNew").GetInt32());
        Assert.True(poll.GetProperty("lastEnd").GetDateTimeOffset() >= poll.GetProperty("lastStart").GetDateTimeOffset());
        Assert.True(status.GetProperty("runs").TryGetProperty("SendDigests", out _));

        string[] items = ["rare-earth-export-controls", "tariffs", "trade-talks", "unmatched"];
        Assert.Equal(items, status.GetProperty("items24h").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        // An item counts once per matched topic, so the sum can exceed the number of items.
        Assert.True(StatusJson.ClassifiedItems(status) >= SampleItems);

        var subscribers = status.GetProperty("subscribers");
        Assert.Equal(1, subscribers.GetProperty("email").GetProperty("active").GetInt32());
        Assert.Equal(0, subscribers.GetProperty("email").GetProperty("pending").GetInt32());
        Assert.Equal(0, subscribers.GetProperty("webhook").GetProperty("active").GetInt32());
        Assert.Equal(0, subscribers.GetProperty("webhook").GetProperty("disabled").GetInt32());

        var deliveries = status.GetProperty("deliveries24h");
        Assert.Equal(["emailSent", "emailFailed", "webhookSent", "webhookFailed"], deliveries.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Status_holds_no_personal_data()
    {
        await ClassifiedAsync();

        var body = await serve.Http.GetStringAsync("api/status");

        Assert.DoesNotContain("@", body, StringComparison.Ordinal);
        Assert.DoesNotContain("sample", body.Replace("/samples/feeds/", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Health_answers_200_json()
    {
        var health = await serve.Http.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("application/json", health.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":\"healthy\"", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> ClassifiedAsync()
    {
        JsonElement status = default;
        await Eventually.Async(
            async () =>
            {
                status = await serve.StatusAsync();
                return StatusJson.ClassifiedItems(status) >= SampleItems
                    && status.GetProperty("queues").GetProperty("news-items").GetProperty("depth").GetInt32() == 0;
            },
            TimeSpan.FromSeconds(60),
            () => "sample items were not all classified: " + status + "\n" + serve.ServeOutput);
        return status;
    }
}
