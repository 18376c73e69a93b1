using System.Text.Json;
using Alerts.Core.Delivery;
using Alerts.Core.Storage;
using Alerts.Core.Subscriptions;
using Alerts.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Alerts.Integration.Tests.Delivery;

/// <summary>Digests through SendGrid's own client, pointed at a local fake of its API, with Azurite for state.</summary>
public sealed class SendGridDigestTests(CoreServices core) : IClassFixture<CoreServices>, IDisposable
{
    private readonly WireMockServer _sendGrid = WireMockServer.Start();

    public void Dispose() => _sendGrid.Stop();

    [Fact]
    public async Task A_digest_is_sent_once_through_sendgrid_even_when_the_job_is_delivered_twice()
    {
        _sendGrid.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).RespondWith(Response.Create().WithStatusCode(202));
        await using var services = Services();
        var storage = services.GetRequiredService<AlertsStorage>();
        var (subscriber, _) = await services.GetRequiredService<SubscriberStore>().AddActiveEmailAsync($"{Guid.NewGuid():N}@example.com", ["tariffs"], Cadence.Immediate, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        await StoredRows.AddItemAsync(storage, $"<b>US</b> doubles steel tariffs {Guid.NewGuid():N}", "tariffs", now.AddMinutes(-5));
        await StoredRows.AddItemAsync(storage, $"Unrelated trade talks item {Guid.NewGuid():N}", "trade-talks", now.AddMinutes(-4));

        var digest = services.GetRequiredService<SendDigestService>();
        var job = new DigestJobMessage(DigestJobMessage.CurrentSchema, subscriber.RowKey, now);
        Assert.True(await digest.SendAsync(job, CancellationToken.None));
        Assert.False(await digest.SendAsync(job, CancellationToken.None));

        var request = Assert.Single(_sendGrid.LogEntries).RequestMessage;
        Assert.Equal("Bearer SG.test-key", request.Headers!["Authorization"].Single());
        using var body = JsonDocument.Parse(request.Body!);
        var personalization = body.RootElement.GetProperty("personalizations")[0];
        Assert.Equal(subscriber.Address, personalization.GetProperty("to")[0].GetProperty("email").GetString());
        Assert.StartsWith("1 new trade-policy alert: <b>US</b> doubles steel tariffs", personalization.GetProperty("subject").GetString(), StringComparison.Ordinal);
        var html = body.RootElement.GetProperty("content").EnumerateArray().Single(c => c.GetProperty("type").GetString() == "text/html").GetProperty("value").GetString();
        Assert.Contains("&lt;b&gt;US&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Unrelated trade talks item", html, StringComparison.Ordinal);

        var updated = await services.GetRequiredService<SubscriberStore>().GetAsync(SubscriberEntity.EmailPartition, subscriber.RowKey, CancellationToken.None);
        Assert.Equal(now, updated!.DigestWatermark);
    }

    [Fact]
    public async Task A_sendgrid_failure_fails_the_job_and_leaves_the_watermark_so_the_retry_sends()
    {
        _sendGrid.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).RespondWith(Response.Create().WithStatusCode(500).WithBody("{\"errors\":[{\"message\":\"boom\"}]}"));
        await using var services = Services();
        var storage = services.GetRequiredService<AlertsStorage>();
        var (subscriber, _) = await services.GetRequiredService<SubscriberStore>().AddActiveEmailAsync($"{Guid.NewGuid():N}@example.com", ["tariffs"], Cadence.Immediate, CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        await StoredRows.AddItemAsync(storage, $"Tariff story {Guid.NewGuid():N}", "tariffs", now.AddMinutes(-1));
        var digest = services.GetRequiredService<SendDigestService>();
        var job = new DigestJobMessage(DigestJobMessage.CurrentSchema, subscriber.RowKey, now);

        var error = await Assert.ThrowsAsync<EmailSendException>(() => digest.SendAsync(job, CancellationToken.None));
        Assert.Contains("500", error.Message, StringComparison.Ordinal);
        var unchanged = await services.GetRequiredService<SubscriberStore>().GetAsync(SubscriberEntity.EmailPartition, subscriber.RowKey, CancellationToken.None);
        Assert.Equal(subscriber.DigestWatermark, unchanged!.DigestWatermark);

        _sendGrid.Reset();
        _sendGrid.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).RespondWith(Response.Create().WithStatusCode(202));
        Assert.True(await digest.SendAsync(job, CancellationToken.None));
        Assert.Single(_sendGrid.LogEntries);
    }

    private ServiceProvider Services() => core.Build(new Dictionary<string, string?>
    {
        ["Alerts:SendGrid:ApiKey"] = "SG.test-key",
        ["Alerts:SendGrid:Host"] = _sendGrid.Url,
    });
}
