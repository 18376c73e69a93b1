using System.Text.Json;
using Alerts.Core.Classification;
using Alerts.Core.Delivery;
using Alerts.Core.Storage;
using Alerts.Core.Subscriptions;
using Alerts.Integration.Tests.Infrastructure;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Alerts.Integration.Tests.Delivery;

/// <summary>DeliverWebhook against real receivers on 127.0.0.1 that verify signatures with the StandardWebhooks package, with Azurite's queues.</summary>
public sealed class WebhookDeliveryTests(CoreServices core) : IClassFixture<CoreServices>, IAsyncLifetime
{
    private LocalHttpServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalHttpServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_alert_is_posted_signed_with_the_alert_document_and_the_same_message_three_times_posts_once()
    {
        var secret = WebhookSignature.NewSecret();
        var receiver = new WebhookReceiver(_server, "hook", secret);
        await using var services = Services();
        var storage = services.GetRequiredService<AlertsStorage>();
        var subscriber = await StoredRows.AddWebhookAsync(storage, receiver.Url, secret, "tariffs");
        var item = await DeliveryServices.AddItemAsync(storage, $"US tariff threat <script> {Guid.NewGuid():N}", DateTimeOffset.UtcNow);
        var webhooks = services.GetRequiredService<DeliverWebhookService>();
        var message = Message(subscriber, item);

        Assert.Equal(WebhookOutcome.Delivered, (await webhooks.DeliverAsync(message, CancellationToken.None)).Outcome);
        Assert.Equal(WebhookOutcome.Skipped, (await webhooks.DeliverAsync(message, CancellationToken.None)).Outcome);
        Assert.Equal(WebhookOutcome.Skipped, (await webhooks.DeliverAsync(message, CancellationToken.None)).Outcome);

        var delivered = Assert.Single(receiver.Received);
        Assert.True(delivered.Verified);
        using var payload = JsonDocument.Parse(delivered.Body);
        Assert.Equal("alert.created", payload.RootElement.GetProperty("type").GetString());
        Assert.True(payload.RootElement.GetProperty("timestamp").TryGetDateTimeOffset(out _));
        var data = payload.RootElement.GetProperty("data");
        Assert.Equal(item.ItemKey, data.GetProperty("id").GetString());
        Assert.Equal(item.Title, data.GetProperty("title").GetString());
        Assert.Equal(["tariffs"], data.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("high", data.GetProperty("severity").GetString());
        Assert.Equal(["China"], data.GetProperty("entities").GetProperty("countries").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("100%", data.GetProperty("figures")[0].GetProperty("text").GetString());
        Assert.Equal("tariff", data.GetProperty("matches")[0].GetProperty("evidence")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_receiver_down_for_24_simulated_hours_gets_the_alert_once_when_it_is_back_with_the_same_webhook_id()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var upAt = clock.GetUtcNow().AddHours(24);
        var secret = WebhookSignature.NewSecret();
        var receiver = new WebhookReceiver(_server, "flaky", secret, checkTimestamps: false)
        {
            Answer = () => (clock.GetUtcNow() < upAt ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK, null),
        };
        await using var services = Services(clock);
        var storage = services.GetRequiredService<AlertsStorage>();
        var subscriber = await StoredRows.AddWebhookAsync(storage, receiver.Url, secret, "tariffs");
        var item = await DeliveryServices.AddItemAsync(storage, $"Tariff story {Guid.NewGuid():N}", clock.GetUtcNow());
        var webhooks = services.GetRequiredService<DeliverWebhookService>();
        var queue = await storage.QueueAsync(StorageNames.WebhookDeliveriesQueue);

        var delays = new List<TimeSpan>();
        var attempt = await webhooks.DeliverAsync(Message(subscriber, item), CancellationToken.None);
        while (attempt.Outcome == WebhookOutcome.Retrying)
        {
            // The retry sits on the real queue, invisible for its delay; the test skips the wait on both clocks.
            delays.Add(attempt.RetryIn!.Value);
            Assert.DoesNotContain((await queue.ReceiveMessagesAsync(32)).Value, m => m.MessageId == attempt.Retry!.MessageId);
            clock.Advance(attempt.RetryIn.Value);
            var next = await ReceiveRetryAsync(queue, attempt.Retry!);
            attempt = await webhooks.DeliverAsync(next, CancellationToken.None);
        }

        Assert.Equal(WebhookOutcome.Delivered, attempt.Outcome);
        Assert.Single(receiver.Accepted);
        Assert.Single(receiver.Received.Select(r => r.Id).Distinct());
        Assert.All(receiver.Received, r => Assert.True(r.Verified));

        // 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h (each ±10%) adds up to about 31.6 h: the first attempt after 24 h.
        Assert.Equal(7, delays.Count);
        for (var i = 0; i < delays.Count; i++)
        {
            Assert.InRange(delays[i], DeliverWebhookService.RetrySchedule[i] * 0.9, DeliverWebhookService.RetrySchedule[i] * 1.1);
        }

        var after = await services.GetRequiredService<SubscriberStore>().GetAsync(SubscriberEntity.WebhookPartition, subscriber.RowKey, CancellationToken.None);
        Assert.Equal(SubscriberStatus.Active, after!.Status);
        Assert.Null(after.FailingSince);
    }

    [Fact]
    public async Task Retry_after_on_429_is_honoured_when_longer_than_the_schedule()
    {
        var secret = WebhookSignature.NewSecret();
        var receiver = new WebhookReceiver(_server, "throttled", secret)
        {
            Answer = () => (StatusCodes.Status429TooManyRequests, new Dictionary<string, string> { ["Retry-After"] = "3600" }),
        };
        await using var services = Services();
        var storage = services.GetRequiredService<AlertsStorage>();
        var subscriber = await StoredRows.AddWebhookAsync(storage, receiver.Url, secret, "tariffs");
        var item = await DeliveryServices.AddItemAsync(storage, $"Tariff story {Guid.NewGuid():N}", DateTimeOffset.UtcNow);

        var attempt = await services.GetRequiredService<DeliverWebhookService>().DeliverAsync(Message(subscriber, item), CancellationToken.None);

        Assert.Equal(WebhookOutcome.Retrying, attempt.Outcome);
        Assert.Equal(429, attempt.Status);
        Assert.Equal(TimeSpan.FromHours(1), attempt.RetryIn);
    }

    [Fact]
    public async Task A_410_disables_the_endpoint_with_its_reason_and_stops_retrying()
    {
        var secret = WebhookSignature.NewSecret();
        var receiver = new WebhookReceiver(_server, "gone", secret) { Answer = () => (StatusCodes.Status410Gone, null) };
        await using var services = Services();
        var storage = services.GetRequiredService<AlertsStorage>();
        var subscriber = await StoredRows.AddWebhookAsync(storage, receiver.Url, secret, "tariffs");
        var item = await DeliveryServices.AddItemAsync(storage, $"Tariff story {Guid.NewGuid():N}", DateTimeOffset.UtcNow);
        var webhooks = services.GetRequiredService<DeliverWebhookService>();

        Assert.Equal(WebhookOutcome.Disabled, (await webhooks.DeliverAsync(Message(subscriber, item), CancellationToken.None)).Outcome);
        Assert.Equal(WebhookOutcome.Skipped, (await webhooks.DeliverAsync(Message(subscriber, item) with { Attempt = 2 }, CancellationToken.None)).Outcome);

        var after = await services.GetRequiredService<SubscriberStore>().GetAsync(SubscriberEntity.WebhookPartition, subscriber.RowKey, CancellationToken.None);
        Assert.Equal(SubscriberStatus.Disabled, after!.Status);
        Assert.Contains("410", after.StatusReason, StringComparison.Ordinal);
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task An_endpoint_failing_for_five_days_is_disabled()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var secret = WebhookSignature.NewSecret();
        var receiver = new WebhookReceiver(_server, "down", secret, checkTimestamps: false) { Answer = () => (StatusCodes.Status500InternalServerError, null) };
        await using var services = Services(clock);
        var storage = services.GetRequiredService<AlertsStorage>();
        var subscriber = await StoredRows.AddWebhookAsync(storage, receiver.Url, secret, "tariffs");
        var webhooks = services.GetRequiredService<DeliverWebhookService>();

        // One alert a day; each fails its attempts until the streak reaches five days.
        WebhookAttempt attempt = null!;
        for (var day = 0; day <= 5; day++)
        {
            var item = await DeliveryServices.AddItemAsync(storage, $"Tariff story {day} {Guid.NewGuid():N}", clock.GetUtcNow());
            attempt = await webhooks.DeliverAsync(Message(subscriber, item), CancellationToken.None);
            if (day < 5)
            {
                Assert.Equal(WebhookOutcome.Retrying, attempt.Outcome);
                clock.Advance(TimeSpan.FromDays(1));
            }
        }

        Assert.Equal(WebhookOutcome.Disabled, attempt.Outcome);
        var after = await services.GetRequiredService<SubscriberStore>().GetAsync(SubscriberEntity.WebhookPartition, subscriber.RowKey, CancellationToken.None);
        Assert.Equal(SubscriberStatus.Disabled, after!.Status);
        Assert.Contains("HTTP 500", after.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_schedule_runs_out_the_message_goes_to_the_poison_queue()
    {
        var secret = WebhookSignature.NewSecret();
        var receiver = new WebhookReceiver(_server, "broken", secret) { Answer = () => (StatusCodes.Status500InternalServerError, null) };
        await using var services = Services();
        var storage = services.GetRequiredService<AlertsStorage>();
        var subscriber = await StoredRows.AddWebhookAsync(storage, receiver.Url, secret, "tariffs");
        var item = await DeliveryServices.AddItemAsync(storage, $"Tariff story {Guid.NewGuid():N}", DateTimeOffset.UtcNow);
        var poison = await storage.QueueAsync(StorageNames.Poison(StorageNames.WebhookDeliveriesQueue));
        await poison.ClearMessagesAsync();

        var last = Message(subscriber, item) with { Attempt = DeliverWebhookService.RetrySchedule.Count + 1 };
        Assert.Equal(WebhookOutcome.GaveUp, (await services.GetRequiredService<DeliverWebhookService>().DeliverAsync(last, CancellationToken.None)).Outcome);

        var dead = Assert.Single((await poison.ReceiveMessagesAsync(32)).Value);
        Assert.Equal(item.RowKey, QueueMessages.Parse<WebhookDeliveryMessage>(dead.MessageText).ItemRow);
    }

    [Fact]
    public async Task Redirects_are_not_followed_and_count_as_failures()
    {
        var secret = WebhookSignature.NewSecret();
        var target = new WebhookReceiver(_server, "target", secret);
        var redirecting = new WebhookReceiver(_server, "moved", secret)
        {
            Answer = () => (StatusCodes.Status307TemporaryRedirect, new Dictionary<string, string> { ["Location"] = target.Url.ToString() }),
        };
        await using var services = Services();
        var storage = services.GetRequiredService<AlertsStorage>();
        var subscriber = await StoredRows.AddWebhookAsync(storage, redirecting.Url, secret, "tariffs");
        var item = await DeliveryServices.AddItemAsync(storage, $"Tariff story {Guid.NewGuid():N}", DateTimeOffset.UtcNow);

        var attempt = await services.GetRequiredService<DeliverWebhookService>().DeliverAsync(Message(subscriber, item), CancellationToken.None);

        Assert.Equal(WebhookOutcome.Retrying, attempt.Outcome);
        Assert.Contains("redirects are not followed", attempt.Error, StringComparison.Ordinal);
        Assert.Empty(target.Received);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_a_failed_attempt_with_its_reason()
    {
        await using var services = Services();
        var storage = services.GetRequiredService<AlertsStorage>();
        var subscriber = await StoredRows.AddWebhookAsync(storage, new Uri($"http://127.0.0.1:{FreePort.Next()}/hook"), WebhookSignature.NewSecret(), "tariffs");
        var item = await DeliveryServices.AddItemAsync(storage, $"Tariff story {Guid.NewGuid():N}", DateTimeOffset.UtcNow);

        var attempt = await services.GetRequiredService<DeliverWebhookService>().DeliverAsync(Message(subscriber, item), CancellationToken.None);

        Assert.Equal(WebhookOutcome.Retrying, attempt.Outcome);
        Assert.StartsWith("Request failed", attempt.Error, StringComparison.Ordinal);
        var after = await services.GetRequiredService<SubscriberStore>().GetAsync(SubscriberEntity.WebhookPartition, subscriber.RowKey, CancellationToken.None);
        Assert.NotNull(after!.FailingSince);
    }

    [Fact]
    public async Task Classifying_the_same_item_three_times_queues_one_delivery_per_matching_endpoint()
    {
        await using var services = Services();
        var storage = services.GetRequiredService<AlertsStorage>();
        var matching = await StoredRows.AddWebhookAsync(storage, _server.Url("a"), WebhookSignature.NewSecret(), "tariffs,trade-talks");
        var other = await StoredRows.AddWebhookAsync(storage, _server.Url("b"), WebhookSignature.NewSecret(), "rare-earth-export-controls");
        var queue = await storage.QueueAsync(StorageNames.WebhookDeliveriesQueue);
        await queue.ClearMessagesAsync();
        var news = new Alerts.Core.Feeds.NewsItemMessage(
            Alerts.Core.Feeds.NewsItemMessage.CurrentSchema, TableKeys.Hash(Guid.NewGuid().ToString()), "feed", "Wire", "US threatens additional 100% tariff on Chinese goods", null, null, DateTimeOffset.UtcNow, "");

        var classification = services.GetRequiredService<ClassifyItemService>();
        await classification.ClassifyAsync(news, CancellationToken.None);
        await classification.ClassifyAsync(news, CancellationToken.None);
        await classification.ClassifyAsync(news, CancellationToken.None);

        var queued = (await queue.ReceiveMessagesAsync(32)).Value.Select(m => QueueMessages.Parse<WebhookDeliveryMessage>(m.MessageText)).ToList();
        Assert.Single(queued, m => m.SubscriberId == matching.RowKey);
        Assert.DoesNotContain(queued, m => m.SubscriberId == other.RowKey);
    }

    [Fact]
    public async Task Enqueueing_is_idempotent_and_heals_a_crash_between_recording_and_queueing()
    {
        await using var services = Services();
        var storage = services.GetRequiredService<AlertsStorage>();
        var healed = await StoredRows.AddWebhookAsync(storage, _server.Url("c"), WebhookSignature.NewSecret(), "tariffs");
        var item = await DeliveryServices.AddItemAsync(storage, $"Tariff story {Guid.NewGuid():N}", DateTimeOffset.UtcNow);
        var queue = await storage.QueueAsync(StorageNames.WebhookDeliveriesQueue);
        await queue.ClearMessagesAsync();

        // A crash after the record was written, before the message was queued.
        var deliveries = await storage.TableAsync(StorageNames.DeliveriesTable);
        await deliveries.AddEntityAsync(new DeliveryEntity { PartitionKey = healed.RowKey, RowKey = item.ItemKey, State = DeliveryEntity.Pending });

        var webhooks = services.GetRequiredService<DeliverWebhookService>();
        await webhooks.EnqueueForAsync(item, CancellationToken.None);
        await webhooks.EnqueueForAsync(item, CancellationToken.None);
        await webhooks.EnqueueForAsync(item, CancellationToken.None);

        var queued = (await queue.ReceiveMessagesAsync(32)).Value.Select(m => QueueMessages.Parse<WebhookDeliveryMessage>(m.MessageText)).Where(m => m.SubscriberId == healed.RowKey).ToList();
        Assert.Single(queued);
        Assert.Equal(DeliveryEntity.Queued, (await deliveries.GetEntityAsync<DeliveryEntity>(healed.RowKey, item.ItemKey)).Value.State);
    }

    [Fact]
    public async Task A_test_event_is_signed_and_reports_the_answer()
    {
        var secret = WebhookSignature.NewSecret();
        var receiver = new WebhookReceiver(_server, "test", secret);
        await using var services = Services();
        var subscriber = await StoredRows.AddWebhookAsync(services.GetRequiredService<AlertsStorage>(), receiver.Url, secret, "tariffs");
        var webhooks = services.GetRequiredService<DeliverWebhookService>();

        var ok = await webhooks.SendTestAsync(subscriber, CancellationToken.None);
        receiver.Answer = () => (StatusCodes.Status500InternalServerError, null);
        var failed = await webhooks.SendTestAsync(subscriber, CancellationToken.None);

        Assert.Equal(WebhookOutcome.Delivered, ok.Outcome);
        Assert.Equal((WebhookOutcome.Failed, 500), (failed.Outcome, failed.Status));
        Assert.All(receiver.Received, r => Assert.True(r.Verified));
        Assert.Equal("webhook.test", JsonDocument.Parse(receiver.Received.First().Body).RootElement.GetProperty("type").GetString());
    }

    private static WebhookDeliveryMessage Message(SubscriberEntity subscriber, ItemEntity item)
        => new(WebhookDeliveryMessage.CurrentSchema, subscriber.RowKey, item.PartitionKey, item.RowKey);

    /// <summary>Makes a delayed retry visible now and reads it from the queue, as the host would once its delay passed.</summary>
    private static async Task<WebhookDeliveryMessage> ReceiveRetryAsync(QueueClient queue, Azure.Storage.Queues.Models.SendReceipt retry)
    {
        await queue.UpdateMessageAsync(retry.MessageId, retry.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        var received = (await queue.ReceiveMessagesAsync(32)).Value.Single(m => m.MessageId == retry.MessageId);
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);
        return QueueMessages.Parse<WebhookDeliveryMessage>(received.MessageText);
    }

    private ServiceProvider Services(FakeTimeProvider? clock = null) => DeliveryServices.Build(
        core,
        new Dictionary<string, string?>(),
        services =>
        {
            if (clock is not null)
            {
                services.AddSingleton<TimeProvider>(clock);
            }
        });
}
