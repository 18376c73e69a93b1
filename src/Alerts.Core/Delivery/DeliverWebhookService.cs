using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Alerts.Core.Classification;
using Alerts.Core.Status;
using Alerts.Core.Storage;
using Alerts.Core.Subscriptions;
using Alerts.Core.Telemetry;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Delivery;

/// <summary>
/// Webhook pushes per Standard Webhooks 1.0. <see cref="EnqueueForAsync"/> queues each new alert once per matching
/// endpoint; <see cref="DeliverAsync"/> POSTs it signed, and on failure queues the next attempt with a visibility
/// delay from <see cref="RetrySchedule"/> rather than failing the message. A 410 or five days of failures disable
/// the endpoint. The <c>webhook-id</c> is the same for every attempt of one alert to one endpoint.
/// </summary>
public sealed partial class DeliverWebhookService(
    SubscriberStore subscribers,
    AlertsStorage storage,
    IHttpClientFactory clients,
    Counters counters,
    TimeProvider time,
    ILogger<DeliverWebhookService> logger)
{
    public const string ClientName = "webhooks";

    /// <summary>Delays before attempts 2 to 10, as the Standard Webhooks spec suggests; each gets ±10% jitter.</summary>
    public static readonly IReadOnlyList<TimeSpan> RetrySchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
        TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20), TimeSpan.FromHours(24),
    ];

    /// <summary>An endpoint that has failed every attempt for this long is disabled.</summary>
    public static readonly TimeSpan DisableAfter = TimeSpan.FromDays(5);

    /// <summary>Answers whose <c>Retry-After</c> is honoured (never retrying sooner than it asks).</summary>
    private static readonly HashSet<int> HonourRetryAfter = [429, 502, 503, 504];

    /// <summary>Queues one delivery per active webhook subscriber the alert matches, once per (subscriber, item) however often it is called.</summary>
    public async Task<int> EnqueueForAsync(ItemEntity item, CancellationToken cancellationToken)
    {
        var alert = AlertDocument.From(item);
        var queue = await storage.QueueAsync(StorageNames.WebhookDeliveriesQueue, cancellationToken).ConfigureAwait(false);
        var deliveries = await storage.TableAsync(StorageNames.DeliveriesTable, cancellationToken).ConfigureAwait(false);
        var count = 0;
        await foreach (var subscriber in subscribers.ActiveAsync(SubscriberEntity.WebhookPartition, cancellationToken).ConfigureAwait(false))
        {
            if (!AlertPreferences.Of(subscriber).Matches(alert))
            {
                continue;
            }

            // Recorded before it is queued and marked after, so a crash in between is healed by the redelivered
            // classification message instead of losing the push, and a repeat finds the mark and stops.
            var record = new DeliveryEntity { PartitionKey = subscriber.RowKey, RowKey = item.ItemKey, State = DeliveryEntity.Pending, StartedAt = time.GetUtcNow() };
            try
            {
                record.ETag = (await deliveries.AddEntityAsync(record, cancellationToken).ConfigureAwait(false)).Headers.ETag ?? ETag.All;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                record = (await deliveries.GetEntityAsync<DeliveryEntity>(subscriber.RowKey, item.ItemKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
                if (record.State != DeliveryEntity.Pending)
                {
                    continue;
                }
            }

            await queue.SendAsync(new WebhookDeliveryMessage(WebhookDeliveryMessage.CurrentSchema, subscriber.RowKey, item.PartitionKey, item.RowKey), cancellationToken).ConfigureAwait(false);
            record.State = DeliveryEntity.Queued;
            try
            {
                await deliveries.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // A concurrent call queued it too; the delivered mark makes the second message a no-op.
            }

            count++;
        }

        return count;
    }

    public async Task<WebhookAttempt> DeliverAsync(WebhookDeliveryMessage message, CancellationToken cancellationToken)
    {
        var subscriber = await subscribers.GetAsync(SubscriberEntity.WebhookPartition, message.SubscriberId, cancellationToken).ConfigureAwait(false);
        if (subscriber is not { Status: SubscriberStatus.Active, WebhookSecret: not null })
        {
            return new WebhookAttempt(WebhookOutcome.Skipped);
        }

        var items = await storage.TableAsync(StorageNames.ItemsTable, cancellationToken).ConfigureAwait(false);
        var found = await items.GetEntityIfExistsAsync<ItemEntity>(message.ItemPartition, message.ItemRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue)
        {
            return new WebhookAttempt(WebhookOutcome.Skipped);
        }

        var item = found.Value!;
        var deliveries = await storage.TableAsync(StorageNames.DeliveriesTable, cancellationToken).ConfigureAwait(false);
        var existing = await deliveries.GetEntityIfExistsAsync<DeliveryEntity>(subscriber.RowKey, item.ItemKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        var record = existing.HasValue ? existing.Value! : new DeliveryEntity { PartitionKey = subscriber.RowKey, RowKey = item.ItemKey, StartedAt = time.GetUtcNow() };
        if (record.State is DeliveryEntity.Delivered or DeliveryEntity.Failed)
        {
            return new WebhookAttempt(WebhookOutcome.Skipped);
        }

        var webhookId = "msg_" + TableKeys.Hash(subscriber.RowKey + ":" + item.ItemKey)[..32];
        var (status, error, retryAfter) = await PostAsync(subscriber, webhookId, new WebhookEvent(WebhookEvent.AlertCreated, time.GetUtcNow(), AlertDocument.From(item)), cancellationToken).ConfigureAwait(false);
        record.Attempts = message.Attempt;
        if (error is null)
        {
            record.State = DeliveryEntity.Delivered;
            record.SentAt = time.GetUtcNow();
            record.LastError = null;
            await deliveries.UpsertEntityAsync(record, TableUpdateMode.Replace, CancellationToken.None).ConfigureAwait(false);
            await UpdateSubscriberAsync(subscriber, s => s.FailingSince = null, CancellationToken.None).ConfigureAwait(false);
            await counters.IncrementAsync(Counters.WebhookSent, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            AlertsTelemetry.Delivered(DeliveryChannel.Webhook, sent: true);
            LogDelivered(webhookId, message.Attempt, status!.Value);
            return new WebhookAttempt(WebhookOutcome.Delivered, status);
        }

        await counters.IncrementAsync(Counters.WebhookFailed, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        AlertsTelemetry.Delivered(DeliveryChannel.Webhook, sent: false);
        record.LastError = error;
        var now = time.GetUtcNow();
        var failingSince = subscriber.FailingSince ?? now;
        string? disableReason = status == (int)HttpStatusCode.Gone
            ? "The endpoint answered 410 Gone."
            : now - failingSince >= DisableAfter ? $"Every attempt failed since {failingSince:O}; last: {error}" : null;
        if (disableReason is not null)
        {
            record.State = DeliveryEntity.Failed;
            await deliveries.UpsertEntityAsync(record, TableUpdateMode.Replace, CancellationToken.None).ConfigureAwait(false);
            await UpdateSubscriberAsync(
                subscriber,
                s =>
                {
                    s.Status = SubscriberStatus.Disabled;
                    s.StatusReason = disableReason;
                    s.FailingSince ??= failingSince;
                },
                CancellationToken.None).ConfigureAwait(false);
            LogDisabled(subscriber.RowKey, disableReason);
            return new WebhookAttempt(WebhookOutcome.Disabled, status, error);
        }

        await UpdateSubscriberAsync(subscriber, s => s.FailingSince ??= failingSince, CancellationToken.None).ConfigureAwait(false);
        var queue = await storage.QueueAsync(StorageNames.WebhookDeliveriesQueue, CancellationToken.None).ConfigureAwait(false);
        if (message.Attempt > RetrySchedule.Count)
        {
            record.State = DeliveryEntity.Failed;
            await deliveries.UpsertEntityAsync(record, TableUpdateMode.Replace, CancellationToken.None).ConfigureAwait(false);
            var poison = await storage.QueueAsync(StorageNames.Poison(StorageNames.WebhookDeliveriesQueue), CancellationToken.None).ConfigureAwait(false);
            await poison.SendAsync(message, CancellationToken.None).ConfigureAwait(false);
            LogGaveUp(webhookId, message.Attempt, error);
            return new WebhookAttempt(WebhookOutcome.GaveUp, status, error);
        }

        var delay = Jitter(RetrySchedule[message.Attempt - 1]);
        if (status is { } code && HonourRetryAfter.Contains(code) && retryAfter > delay)
        {
            delay = retryAfter.Value;
        }

        record.State = DeliveryEntity.Queued;
        await deliveries.UpsertEntityAsync(record, TableUpdateMode.Replace, CancellationToken.None).ConfigureAwait(false);
        var next = message with { Schema = WebhookDeliveryMessage.CurrentSchema, Attempt = message.Attempt + 1 };
        var receipt = await queue.SendMessageAsync(JsonSerializer.Serialize(next, QueueMessages.Json), visibilityTimeout: delay, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        LogRetrying(webhookId, message.Attempt, error, delay);
        AlertsTelemetry.DeliveryRetried(DeliveryChannel.Webhook);
        return new WebhookAttempt(WebhookOutcome.Retrying, status, error, delay, receipt.Value);
    }

    /// <summary>Sends one <c>webhook.test</c> event now, without retries, and says how the endpoint answered.</summary>
    public async Task<WebhookAttempt> SendTestAsync(SubscriberEntity subscriber, CancellationToken cancellationToken)
    {
        if (subscriber.WebhookSecret is null)
        {
            return new WebhookAttempt(WebhookOutcome.Skipped, Error: "The subscriber has no signing secret.");
        }

        var webhookId = "msg_test_" + Guid.NewGuid().ToString("N");
        var data = new WebhookTestData(subscriber.RowKey, "A test event from Alerts: your endpoint receives and verifies signed events.");
        var (status, error, _) = await PostAsync(subscriber, webhookId, new WebhookEvent(WebhookEvent.Test, time.GetUtcNow(), data), cancellationToken).ConfigureAwait(false);
        return new WebhookAttempt(error is null ? WebhookOutcome.Delivered : WebhookOutcome.Failed, status, error);
    }

    /// <summary>POSTs a signed event; the error is null on 2xx. Refusals by the SSRF guard, timeouts and redirects are failures with their reason.</summary>
    private async Task<(int? Status, string? Error, TimeSpan? RetryAfter)> PostAsync(SubscriberEntity subscriber, string webhookId, WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(webhookEvent, QueueMessages.Json);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscriber.Address)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(subscriber.WebhookSecret!, webhookId, timestamp, body));
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return (code, null, null);
            }

            var error = code is >= 300 and < 400 ? $"HTTP {code}: redirects are not followed" : $"HTTP {code}";
            return (code, error, RetryAfter.Delay(response, time.GetUtcNow(), RetrySchedule[^1]));
        }
        catch (HttpRequestException e)
        {
            return (null, "Request failed: " + e.Message, null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "No answer within the 15 s timeout", null);
        }
    }

    private async Task UpdateSubscriberAsync(SubscriberEntity subscriber, Action<SubscriberEntity> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var before = (subscriber.Status, subscriber.StatusReason, subscriber.FailingSince);
            change(subscriber);
            if (before == (subscriber.Status, subscriber.StatusReason, subscriber.FailingSince)
                || await subscribers.UpdateAsync(subscriber, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            subscriber = await subscribers.GetAsync(subscriber.PartitionKey, subscriber.RowKey, cancellationToken).ConfigureAwait(false) ?? subscriber;
        }
    }

    private static TimeSpan Jitter(TimeSpan delay) => delay * (0.9 + (Random.Shared.NextDouble() * 0.2));

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Delivered webhook {WebhookId} on attempt {Attempt}: HTTP {Status}")]
    private partial void LogDelivered(string webhookId, int attempt, int status);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Webhook {WebhookId} attempt {Attempt} failed ({Error}); next attempt in {Delay}")]
    private partial void LogRetrying(string webhookId, int attempt, string error, TimeSpan delay);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Webhook {WebhookId} gave up after {Attempt} attempts ({Error}); moved to the poison queue")]
    private partial void LogGaveUp(string webhookId, int attempt, string error);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Disabled webhook endpoint {SubscriberId}: {Reason}")]
    private partial void LogDisabled(string subscriberId, string reason);
}
