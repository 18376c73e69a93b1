using System.Net;
using System.Text.Json;
using Alerts.Core.Feeds;
using Alerts.Core.Storage;
using Alerts.Integration.Tests.Infrastructure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;

namespace Alerts.Integration.Tests.Status;

/// <summary>What an operator must see: a feed that fails and a message in a poison queue each make status degraded, with the reason.</summary>
public sealed class StatusDegradedTests(ServeFixture serve) : IClassFixture<ServeFixture>, IAsyncLifetime
{
    private LocalHttpServer _publisher = null!;

    public async Task InitializeAsync() => _publisher = await LocalHttpServer.StartAsync();

    public async Task DisposeAsync() => await _publisher.DisposeAsync();

    [Fact]
    public async Task A_failing_feed_makes_status_degraded_and_is_listed_among_the_worst()
    {
        _publisher.Route("/broken.xml", context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });
        var url = _publisher.Url("broken.xml").ToString();
        var storage = new AlertsStorage(new TableServiceClient(serve.Azurite.ConnectionString), new QueueServiceClient(serve.Azurite.ConnectionString));
        Assert.True(await new FeedStore(storage).AddAsync(url, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Accepted, (await serve.RunFunctionAsync("PollFeeds")).StatusCode);

        var status = await DegradedAsync(s => s.GetProperty("feeds").GetProperty("worst").EnumerateArray().Any(f => f.GetProperty("url").GetString() == url));
        Assert.Contains(status.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.EndsWith("feeds failing", StringComparison.Ordinal));
        var worst = status.GetProperty("feeds").GetProperty("worst").EnumerateArray().Single(f => f.GetProperty("url").GetString() == url);
        Assert.True(worst.GetProperty("consecutiveFailures").GetInt32() >= 1);
        Assert.False(string.IsNullOrEmpty(worst.GetProperty("lastError").GetString()));
        Assert.Equal(JsonValueKind.Null, worst.GetProperty("lastSuccess").ValueKind);
    }

    [Fact]
    public async Task A_poison_message_makes_status_degraded()
    {
        var poison = new QueueClient(serve.Azurite.ConnectionString, StorageNames.Poison(StorageNames.DigestJobsQueue), new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await poison.CreateIfNotExistsAsync();
        await poison.SendMessageAsync("{\"schemaVersion\":1}");

        var status = await DegradedAsync(s => s.GetProperty("queues").GetProperty("digest-jobs").GetProperty("poison").GetInt32() == 1);
        Assert.Contains("1 poison messages in digest-jobs-poison", status.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_paused_feed_counts_as_paused_and_not_as_failing()
    {
        var feeds = new TableClient(serve.Azurite.ConnectionString, StorageNames.FeedsTable);
        await feeds.CreateIfNotExistsAsync();
        var url = _publisher.Url("paused.xml").ToString();
        await feeds.AddEntityAsync(new TableEntity(FeedEntity.Partition, FeedStore.FeedId(url))
        {
            [nameof(FeedEntity.Url)] = url,
            [nameof(FeedEntity.ConsecutiveFailures)] = 9,
            [nameof(FeedEntity.LastError)] = "HTTP 500",
            ["Paused"] = true,

            // Keeps a poller that does not know about pausing from polling it while other tests run PollFeeds.
            [nameof(FeedEntity.NextPoll)] = DateTimeOffset.UtcNow.AddYears(1),
        });

        JsonElement status = default;
        await Eventually.Async(
            async () => (status = await serve.StatusAsync()).GetProperty("feeds").GetProperty("paused").GetInt32() == 1,
            TimeSpan.FromSeconds(30),
            () => "the paused feed was not counted: " + status);
        Assert.DoesNotContain(status.GetProperty("feeds").GetProperty("worst").EnumerateArray(), f => f.GetProperty("url").GetString() == url);
        var counts = status.GetProperty("feeds");
        Assert.Equal(counts.GetProperty("total").GetInt32(), counts.GetProperty("healthy").GetInt32() + counts.GetProperty("failing").GetInt32() + counts.GetProperty("paused").GetInt32());
    }

    private async Task<JsonElement> DegradedAsync(Func<JsonElement, bool> condition)
    {
        JsonElement status = default;
        await Eventually.Async(
            async () =>
            {
                status = await serve.StatusAsync();
                return status.GetProperty("status").GetString() == "degraded" && condition(status);
            },
            TimeSpan.FromSeconds(60),
            () => "status did not become degraded: " + status + "\n" + serve.ServeOutput);
        return status;
    }
}
