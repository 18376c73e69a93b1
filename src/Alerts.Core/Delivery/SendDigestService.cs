using Alerts.Core.Status;
using Alerts.Core.Storage;
using Alerts.Core.Subscriptions;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Delivery;

/// <summary>
/// SendDigest: builds and sends one subscriber's digest. The digest id is the watermark it starts from, so two jobs
/// for the same window (overlapping timer runs, redelivery) share one <c>Deliveries</c> row and only one sends.
/// </summary>
public sealed partial class SendDigestService(
    SubscriberStore subscribers,
    DigestItems digestItems,
    IEmailSender sender,
    AlertsStorage storage,
    Counters counters,
    TimeProvider time,
    IOptions<AlertsOptions> options,
    ILogger<SendDigestService> logger)
{
    /// <summary>A "sending" record older than this is taken to be from a crashed attempt and is sent again.</summary>
    public static readonly TimeSpan StaleSending = TimeSpan.FromMinutes(10);

    public async Task<bool> SendAsync(DigestJobMessage job, CancellationToken cancellationToken)
    {
        var subscriber = await subscribers.GetAsync(SubscriberEntity.EmailPartition, job.SubscriberId, cancellationToken).ConfigureAwait(false);
        if (subscriber is not { Status: SubscriberStatus.Active })
        {
            return false;
        }

        using var scope = logger.BeginScope(new Dictionary<string, object> { ["SubscriberId"] = subscriber.RowKey });
        var items = await digestItems.InWindowAsync(subscriber.DigestWatermark, job.WindowEnd, subscriber.TopicIds.ToHashSet(), cancellationToken).ConfigureAwait(false);
        if (items.Count == 0)
        {
            return false;
        }

        var deliveries = await storage.TableAsync(StorageNames.DeliveriesTable, cancellationToken).ConfigureAwait(false);
        var digestId = "digest-" + TableKeys.InvertedTicks(subscriber.DigestWatermark);
        var record = new DeliveryEntity
        {
            PartitionKey = subscriber.RowKey,
            RowKey = digestId,
            StartedAt = time.GetUtcNow(),
            WindowEnd = job.WindowEnd,
            ItemCount = items.Count,
            MessageId = $"{subscriber.RowKey}-{subscriber.DigestWatermark.UtcTicks}",
        };
        if (!await ClaimAsync(deliveries, record, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var (subject, html, text) = DigestRenderer.Render(items, options.Value.PublicBaseUrl);
        var message = new EmailMessage(record.MessageId, options.Value.SendGrid.From, subscriber.Address, subject, html, text, new Dictionary<string, string>());
        try
        {
            await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Release the claim so the queue's retry can send; the watermark has not moved.
            await deliveries.DeleteEntityAsync(record.PartitionKey, record.RowKey, record.ETag, CancellationToken.None).ConfigureAwait(false);
            await counters.IncrementAsync(Counters.EmailFailed, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        record.State = DeliveryEntity.Sent;
        record.SentAt = time.GetUtcNow();
        await deliveries.UpdateEntityAsync(record, ETag.All, TableUpdateMode.Replace, CancellationToken.None).ConfigureAwait(false);
        await AdvanceWatermarkAsync(subscriber, record.WindowEnd, CancellationToken.None).ConfigureAwait(false);
        await counters.IncrementAsync(Counters.EmailSent, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        LogSent(items.Count, record.RowKey);
        return true;
    }

    /// <summary>Inserts the delivery record; false when another attempt already sent (or is sending) this digest.</summary>
    private async Task<bool> ClaimAsync(TableClient deliveries, DeliveryEntity record, CancellationToken cancellationToken)
    {
        try
        {
            var added = await deliveries.AddEntityAsync(record, cancellationToken).ConfigureAwait(false);
            record.ETag = added.Headers.ETag ?? ETag.All;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = (await deliveries.GetEntityAsync<DeliveryEntity>(record.PartitionKey, record.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            if (existing.State == DeliveryEntity.Sent)
            {
                // Sent before, but the watermark did not move (crash after sending): move it now.
                var subscriber = await subscribers.GetAsync(SubscriberEntity.EmailPartition, record.PartitionKey, cancellationToken).ConfigureAwait(false);
                if (subscriber is not null)
                {
                    await AdvanceWatermarkAsync(subscriber, existing.WindowEnd, cancellationToken).ConfigureAwait(false);
                }

                return false;
            }

            if (time.GetUtcNow() - existing.StartedAt < StaleSending)
            {
                throw new InvalidOperationException($"Digest {record.RowKey} is being sent by another attempt; retrying later.");
            }

            existing.StartedAt = time.GetUtcNow();
            existing.WindowEnd = record.WindowEnd;
            var updated = await deliveries.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            record.ETag = updated.Headers.ETag ?? ETag.All;
            record.WindowEnd = existing.WindowEnd;
            return true;
        }
    }

    private async Task AdvanceWatermarkAsync(SubscriberEntity subscriber, DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (subscriber.DigestWatermark >= windowEnd)
            {
                return;
            }

            subscriber.DigestWatermark = windowEnd;
            subscriber.LastDigestAt = time.GetUtcNow();
            if (await subscribers.UpdateAsync(subscriber, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            subscriber = await subscribers.GetAsync(subscriber.PartitionKey, subscriber.RowKey, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("Subscriber vanished while its digest was sent.");
        }
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Sent a digest of {Items} items ({DigestId})")]
    private partial void LogSent(int items, string digestId);
}
