using System.Text.Json;
using Alerts.Core.Classification;
using Alerts.Core.Delivery;
using Alerts.Core.Storage;
using Alerts.Core.Subscriptions;
using Alerts.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SendGrid;

namespace Alerts.Integration.Tests.Delivery;

/// <summary>Digests through SendGrid's own client and retry pipeline, pointed at a local fake, with Azurite for state.</summary>
public sealed class SendGridDigestTests(CoreServices core) : IClassFixture<CoreServices>, IDisposable
{
    /// <summary>A topic only one test here uses, so items other tests store in the shared Azurite stay out of its digests.</summary>
    private const string RareEarths = "rare-earth-export-controls";

    private readonly SendGridFake _sendGrid = new();

    public void Dispose() => _sendGrid.Dispose();

    [Fact]
    public async Task Subscribers_with_the_same_alerts_share_one_request_with_their_own_links_and_unsubscribe_headers()
    {
        _sendGrid.Answer(SendGridFake.Accepted);
        await using var services = Services();
        var storage = services.GetRequiredService<AlertsStorage>();
        var now = DateTimeOffset.UtcNow;
        var same = new[]
        {
            await DeliveryServices.AddEmailSubscriberAsync(storage, now, RareEarths),
            await DeliveryServices.AddEmailSubscriberAsync(storage, now, RareEarths),
            await DeliveryServices.AddEmailSubscriberAsync(storage, now, RareEarths),
        };
        var chinaOnly = await DeliveryServices.AddEmailSubscriberAsync(storage, now, countries: "Japan");
        await DeliveryServices.AddItemAsync(storage, $"<b>US</b> doubles steel tariffs {Guid.NewGuid():N}", now.AddMinutes(-5), RareEarths);
        await DeliveryServices.AddItemAsync(storage, $"Unrelated trade talks item {Guid.NewGuid():N}", now.AddMinutes(-4), topic: "trade-talks");

        var sent = await services.GetRequiredService<SendDigestService>().SendAsync(Job(now, [.. same.Select(s => s.RowKey), chinaOnly.RowKey]), CancellationToken.None);

        Assert.Equal(3, sent);
        var body = Assert.Single(_sendGrid.AcceptedBodies);
        Assert.Equal("Bearer SG.test-key", _sendGrid.AuthorizationOfFirst);
        var personalizations = body.GetProperty("personalizations").EnumerateArray().ToList();
        Assert.Equal(same.Select(s => s.Address).Order(), personalizations.Select(p => p.GetProperty("to")[0].GetProperty("email").GetString()).Order());
        var tokens = services.GetRequiredService<SubscriberTokens>();
        foreach (var subscriber in same)
        {
            var personalization = personalizations.Single(p => p.GetProperty("to")[0].GetProperty("email").GetString() == subscriber.Address);
            var unsubscribe = $"https://alerts.example.org/api/unsubscribe?token={tokens.Create(SubscriberTokens.Unsubscribe, subscriber.RowKey, 0)}";
            var manage = $"https://alerts.example.org/api/subscriptions/{subscriber.RowKey}?token={tokens.Create(SubscriberTokens.Manage, subscriber.RowKey, 0)}";
            Assert.Equal(unsubscribe, personalization.GetProperty("substitutions").GetProperty(DigestRenderer.UnsubscribeUrl).GetString());
            Assert.Equal(manage, personalization.GetProperty("substitutions").GetProperty(DigestRenderer.ManageUrl).GetString());
            Assert.Equal($"<{unsubscribe}>", personalization.GetProperty("headers").GetProperty("List-Unsubscribe").GetString());
            Assert.Equal("List-Unsubscribe=One-Click", personalization.GetProperty("headers").GetProperty("List-Unsubscribe-Post").GetString());
        }

        Assert.StartsWith("1 new trade-policy alert: <b>US</b> doubles steel tariffs", body.GetProperty("subject").GetString(), StringComparison.Ordinal);
        var html = Content(body, "text/html");
        Assert.Contains("&lt;b&gt;US&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{DigestRenderer.UnsubscribeUrl}\"", html, StringComparison.Ordinal);
        Assert.Contains("100% (tariff rate)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Unrelated trade talks item", html, StringComparison.Ordinal);
        Assert.Contains(DigestRenderer.ManageUrl, Content(body, "text/plain"), StringComparison.Ordinal);

        // The Japan-only subscriber matched nothing: no mail, and the watermark stays for late items.
        Assert.Equal(chinaOnly.DigestWatermark, (await Subscriber(services, chinaOnly)).DigestWatermark);
        Assert.All(same, s => Assert.Equal(now, Subscriber(services, s).Result.DigestWatermark));
    }

    [Fact]
    public async Task The_same_job_delivered_three_times_sends_one_digest()
    {
        _sendGrid.Answer(SendGridFake.Accepted);
        await using var services = Services();
        var storage = services.GetRequiredService<AlertsStorage>();
        var now = DateTimeOffset.UtcNow;
        var subscriber = await DeliveryServices.AddEmailSubscriberAsync(storage, now);
        await DeliveryServices.AddItemAsync(storage, $"Tariff story {Guid.NewGuid():N}", now.AddMinutes(-1));
        var digest = services.GetRequiredService<SendDigestService>();
        var job = Job(now, [subscriber.RowKey]);

        Assert.Equal(1, await digest.SendAsync(job, CancellationToken.None));
        Assert.Equal(0, await digest.SendAsync(job, CancellationToken.None));
        Assert.Equal(0, await digest.SendAsync(job, CancellationToken.None));

        Assert.Equal(1, _sendGrid.MailsPerRecipient[subscriber.Address]);
        Assert.Equal(1, _sendGrid.Requests);
    }

    [Fact]
    public async Task Overlapping_timer_runs_send_one_digest()
    {
        _sendGrid.Answer(SendGridFake.Accepted);
        await using var services = Services();
        var storage = services.GetRequiredService<AlertsStorage>();
        var now = DateTimeOffset.UtcNow;
        var subscriber = await DeliveryServices.AddEmailSubscriberAsync(storage, now);
        await DeliveryServices.AddItemAsync(storage, $"Tariff story {Guid.NewGuid():N}", now.AddMinutes(-3));
        var digest = services.GetRequiredService<SendDigestService>();

        // Two runs a moment apart both found the subscriber due; their jobs run at the same time.
        await Task.WhenAll(
            digest.SendAsync(Job(now, [subscriber.RowKey]), CancellationToken.None),
            digest.SendAsync(Job(now.AddSeconds(1), [subscriber.RowKey]), CancellationToken.None));

        Assert.Equal(1, _sendGrid.MailsPerRecipient[subscriber.Address]);
    }

    [Fact]
    public async Task A_sendgrid_storm_of_429_then_500_then_202_delivers_once()
    {
        _sendGrid.Answer(SendGridFake.Throttled, SendGridFake.Broken, SendGridFake.Accepted);
        await using var services = Services();
        var storage = services.GetRequiredService<AlertsStorage>();
        var now = DateTimeOffset.UtcNow;
        var subscriber = await DeliveryServices.AddEmailSubscriberAsync(storage, now);
        await DeliveryServices.AddItemAsync(storage, $"Tariff story {Guid.NewGuid():N}", now.AddMinutes(-1));

        Assert.Equal(1, await services.GetRequiredService<SendDigestService>().SendAsync(Job(now, [subscriber.RowKey]), CancellationToken.None));

        Assert.Equal(3, _sendGrid.Requests);
        Assert.Equal(1, _sendGrid.MailsPerRecipient[subscriber.Address]);
    }

    [Fact]
    public async Task A_hanging_request_times_out_and_is_retried()
    {
        _sendGrid.Answer(SendGridFake.Hanging, SendGridFake.Accepted);
        await using var services = Services();
        var storage = services.GetRequiredService<AlertsStorage>();
        var now = DateTimeOffset.UtcNow;
        var subscriber = await DeliveryServices.AddEmailSubscriberAsync(storage, now);
        await DeliveryServices.AddItemAsync(storage, $"Tariff story {Guid.NewGuid():N}", now.AddMinutes(-1));

        Assert.Equal(1, await services.GetRequiredService<SendDigestService>().SendAsync(Job(now, [subscriber.RowKey]), CancellationToken.None));

        Assert.Equal(1, _sendGrid.MailsPerRecipient[subscriber.Address]);
    }

    [Fact]
    public async Task A_job_that_still_fails_goes_back_to_the_queue_with_its_claims_released_and_the_watermark_kept()
    {
        _sendGrid.Answer(SendGridFake.Broken);
        await using var services = Services();
        var storage = services.GetRequiredService<AlertsStorage>();
        var now = DateTimeOffset.UtcNow;
        var subscriber = await DeliveryServices.AddEmailSubscriberAsync(storage, now);
        await DeliveryServices.AddItemAsync(storage, $"Tariff story {Guid.NewGuid():N}", now.AddMinutes(-1));
        var digest = services.GetRequiredService<SendDigestService>();
        var job = Job(now, [subscriber.RowKey]);

        var error = await Assert.ThrowsAsync<EmailSendException>(() => digest.SendAsync(job, CancellationToken.None));
        Assert.Contains("500", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, _sendGrid.Requests); // the first try and four retries
        Assert.Equal(subscriber.DigestWatermark, (await Subscriber(services, subscriber)).DigestWatermark);

        // The queue's next attempt finds SendGrid back.
        _sendGrid.Answer(SendGridFake.Accepted);
        Assert.Equal(1, await digest.SendAsync(job, CancellationToken.None));
        Assert.Equal(1, _sendGrid.MailsPerRecipient[subscriber.Address]);
    }

    [Fact]
    public async Task A_crash_after_the_acceptance_was_recorded_but_before_the_watermark_moved_does_not_send_again()
    {
        _sendGrid.Answer(SendGridFake.Accepted);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var now = clock.GetUtcNow();
        string subscriberId;
        string address;
        {
            await using var crashing = Services(clock, crashAfterSend: true);
            var storage = crashing.GetRequiredService<AlertsStorage>();
            var subscriber = await DeliveryServices.AddEmailSubscriberAsync(storage, now);
            (subscriberId, address) = (subscriber.RowKey, subscriber.Address);
            await DeliveryServices.AddItemAsync(storage, $"Tariff story {Guid.NewGuid():N}", now.AddMinutes(-1));
            await Assert.ThrowsAsync<ProcessKilledException>(() => crashing.GetRequiredService<SendDigestService>().SendAsync(Job(now, [subscriberId]), CancellationToken.None));

            // The crash came just after the one write that records the acceptance, before the watermark moved.
            var claim = await Claim(crashing, subscriberId);
            var deliveries = await storage.TableAsync(StorageNames.DeliveriesTable);
            await deliveries.AddEntityAsync(new DeliveryEntity { PartitionKey = DeliveryEntity.BatchPartition, RowKey = claim.BatchId!, State = DeliveryEntity.Sent });
        }

        await using var services = Services(clock);
        clock.Advance(SendDigestService.StaleSending + TimeSpan.FromMinutes(1));
        Assert.Equal(0, await services.GetRequiredService<SendDigestService>().SendAsync(Job(now, [subscriberId]), CancellationToken.None));

        Assert.Equal(1, _sendGrid.MailsPerRecipient[address]);
        Assert.Equal(now, (await services.GetRequiredService<SubscriberStore>().GetAsync(SubscriberEntity.EmailPartition, subscriberId, CancellationToken.None))!.DigestWatermark);
    }

    [Fact]
    public async Task A_crash_between_the_request_and_its_record_sends_again_once_the_claim_is_stale_the_documented_exception()
    {
        _sendGrid.Answer(SendGridFake.Accepted);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var now = clock.GetUtcNow();
        string subscriberId;
        string address;
        {
            await using var crashing = Services(clock, crashAfterSend: true);
            var storage = crashing.GetRequiredService<AlertsStorage>();
            var subscriber = await DeliveryServices.AddEmailSubscriberAsync(storage, now);
            (subscriberId, address) = (subscriber.RowKey, subscriber.Address);
            await DeliveryServices.AddItemAsync(storage, $"Tariff story {Guid.NewGuid():N}", now.AddMinutes(-1));
            await Assert.ThrowsAsync<ProcessKilledException>(() => crashing.GetRequiredService<SendDigestService>().SendAsync(Job(now, [subscriberId]), CancellationToken.None));
        }

        await using var services = Services(clock);
        var digest = services.GetRequiredService<SendDigestService>();

        // The queue redelivers the job at once: the claim is fresh, so nothing is sent and the job waits.
        Assert.Equal(0, await digest.SendAsync(Job(now, [subscriberId]), CancellationToken.None));
        Assert.Equal(1, _sendGrid.MailsPerRecipient[address]);

        // Ten minutes on, nothing says the request went out: rather than lose the digest, it is sent again.
        clock.Advance(SendDigestService.StaleSending + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await digest.SendAsync(Job(now, [subscriberId]), CancellationToken.None));
        Assert.Equal(2, _sendGrid.MailsPerRecipient[address]);
        Assert.Equal(0, await digest.SendAsync(Job(now, [subscriberId]), CancellationToken.None));
        Assert.Equal(2, _sendGrid.MailsPerRecipient[address]);
    }

    [Fact]
    public async Task Without_a_key_digests_go_to_the_outbox_with_each_recipients_links_and_headers()
    {
        await using var services = DeliveryServices.Build(core, new Dictionary<string, string?>());
        var storage = services.GetRequiredService<AlertsStorage>();
        var now = DateTimeOffset.UtcNow;
        var subscriber = await DeliveryServices.AddEmailSubscriberAsync(storage, now, minSeverity: Severity.High);
        await DeliveryServices.AddItemAsync(storage, $"Tariff story {Guid.NewGuid():N}", now.AddMinutes(-1));
        await DeliveryServices.AddItemAsync(storage, $"Mild tariff story {Guid.NewGuid():N}", now.AddMinutes(-1), severity: Severity.Low);

        Assert.Equal(1, await services.GetRequiredService<SendDigestService>().SendAsync(Job(now, [subscriber.RowKey]), CancellationToken.None));

        using var mail = await MimeKit.MimeMessage.LoadAsync(Directory.GetFiles(core.OutboxPath, $"*{subscriber.RowKey}*.eml").Single());
        var links = services.GetRequiredService<SubscriberLinks>();
        var unsubscribe = links.Unsubscribe(new Uri("https://alerts.example.org/"), subscriber).AbsoluteUri;
        Assert.Equal($"<{unsubscribe}>", mail.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.Contains($"href=\"{unsubscribe}\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(links.Manage(new Uri("https://alerts.example.org/"), subscriber).AbsoluteUri, mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(DigestRenderer.UnsubscribeUrl, mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Mild tariff story", mail.HtmlBody, StringComparison.Ordinal);
    }

    private static DigestJobMessage Job(DateTimeOffset now, IReadOnlyList<string> ids) => new(DigestJobMessage.CurrentSchema, ids, now, now);

    private static string Content(JsonElement body, string type)
        => body.GetProperty("content").EnumerateArray().Single(c => c.GetProperty("type").GetString() == type).GetProperty("value").GetString()!;

    private static async Task<SubscriberEntity> Subscriber(ServiceProvider services, SubscriberEntity subscriber)
        => (await services.GetRequiredService<SubscriberStore>().GetAsync(SubscriberEntity.EmailPartition, subscriber.RowKey, CancellationToken.None))!;

    private static async Task<DeliveryEntity> Claim(ServiceProvider services, string subscriberId)
    {
        var deliveries = await services.GetRequiredService<AlertsStorage>().TableAsync(StorageNames.DeliveriesTable);
        return deliveries.Query<DeliveryEntity>(d => d.PartitionKey == subscriberId).Single();
    }

    private ServiceProvider Services(FakeTimeProvider? clock = null, bool crashAfterSend = false) => DeliveryServices.Build(
        core,
        new Dictionary<string, string?>
        {
            ["Alerts:SendGrid:ApiKey"] = "SG.test-key",
            ["Alerts:SendGrid:Host"] = _sendGrid.Url,
            ["Alerts:SendGrid:RequestTimeout"] = "00:00:05",
            ["Alerts:SendGrid:RetryDelay"] = "00:00:00.050",
        },
        services =>
        {
            if (clock is not null)
            {
                services.AddSingleton<TimeProvider>(clock);
            }

            if (crashAfterSend)
            {
                services.AddSingleton<IEmailSender>(provider => new CrashAfterSend(new SendGridEmailSender(new SendGridClient(
                    provider.GetRequiredService<IHttpClientFactory>().CreateClient(SendGridEmailSender.ClientName),
                    new SendGridClientOptions { ApiKey = "SG.test-key", Host = _sendGrid.Url }))));
            }
        });

    /// <summary>Stands for the process dying right after SendGrid accepted a request: nothing after the send runs.</summary>
    private sealed class CrashAfterSend(IEmailSender inner) : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken) => SendBatchAsync(EmailBatch.Of(message), cancellationToken);

        public async Task SendBatchAsync(EmailBatch batch, CancellationToken cancellationToken)
        {
            await inner.SendBatchAsync(batch, cancellationToken);
            throw new ProcessKilledException();
        }
    }

    private sealed class ProcessKilledException : Exception;
}
