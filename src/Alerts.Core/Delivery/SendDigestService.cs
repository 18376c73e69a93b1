using System.Collections.Concurrent;
using Alerts.Core.Status;
using Alerts.Core.Storage;
using Alerts.Core.Subscriptions;
using Alerts.Core.Telemetry;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Delivery;

/// <summary>
/// SendDigest: sends the digests of one job's subscribers. Each digest is claimed by a <c>Deliveries</c> row whose
/// id is the watermark it starts from, so overlapping timer runs and redelivered jobs share one row and only one
/// sends. Subscribers who get the same alerts share one rendering and one email request per 1,000 of them; once
/// the request is accepted one batch row records it for all its claims, then the watermarks move.
/// </summary>
public sealed partial class SendDigestService(
    SubscriberStore subscribers,
    DigestItems digestItems,
    IEmailSender sender,
    SubscriberLinks links,
    AlertsStorage storage,
    Counters counters,
    TimeProvider time,
    IOptions<AlertsOptions> options,
    ILogger<SendDigestService> logger)
{
    /// <summary>A "sending" claim older than this, with no accepted request on record, is taken to be from a crashed attempt and is sent again.</summary>
    public static readonly TimeSpan StaleSending = TimeSpan.FromMinutes(10);

    /// <summary>The longest window a digest reads: a weekly digest plus a day.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(8);

    private const int Parallelism = 16;

    /// <summary>Sends the job's due digests and returns how many went out. Throws when a request was refused, so the queue retries the rest.</summary>
    public async Task<int> SendAsync(DigestJobMessage job, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        var loaded = new ConcurrentBag<SubscriberEntity>();
        await Parallel.ForEachAsync(job.SubscriberIds.Distinct(StringComparer.Ordinal), parallel, async (id, token) =>
        {
            var subscriber = await subscribers.GetAsync(SubscriberEntity.EmailPartition, id, token).ConfigureAwait(false);
            if (subscriber is { Status: SubscriberStatus.Active } && subscriber.DigestWatermark < job.WindowEnd)
            {
                loaded.Add(subscriber);
            }
        }).ConfigureAwait(false);
        if (loaded.IsEmpty)
        {
            return 0;
        }

        // Watermarks only move with a sent digest, so an item classified late still reaches the next one; the
        // look-back is capped because older news is no longer digest material.
        var oldest = job.WindowEnd - MaxWindow;
        var alerts = await digestItems.InWindowAsync(Max(loaded.Min(s => s.DigestWatermark), oldest), job.WindowEnd, cancellationToken).ConfigureAwait(false);
        var digests = loaded
            .Select(s => (Subscriber: s, Preferences: AlertPreferences.Of(s)))
            .Select(s => new Digest(s.Subscriber, s.Preferences, DigestItems.Select(alerts, s.Preferences, Max(s.Subscriber.DigestWatermark, oldest))))
            .ToList();

        // No matching alerts: no mail. Daily and weekly runs still count as done for the day or week.
        await Parallel.ForEachAsync(digests.Where(d => d.Alerts.Count == 0 && d.Subscriber.Cadence != Cadence.Immediate), parallel, async (digest, token) =>
            await RecordRunAsync(digest.Subscriber, null, job.RunAt, token).ConfigureAwait(false)).ConfigureAwait(false);

        var deliveries = await storage.TableAsync(StorageNames.DeliveriesTable, cancellationToken).ConfigureAwait(false);
        var busy = new ConcurrentBag<(string Id, DateTimeOffset RetryAt)>();
        var sent = 0;
        var refused = new List<string>();
        foreach (var group in digests.Where(d => d.Alerts.Count > 0).GroupBy(d => d.ContentKey, StringComparer.Ordinal))
        {
            var first = group.First();
            var content = DigestRenderer.Render(first.Alerts, first.Preferences.Topics, options.Value.PublicBaseUrl);
            foreach (var chunk in group.Chunk(EmailBatch.MaxRecipients))
            {
                var batchId = Guid.NewGuid().ToString("N");
                var claims = new ConcurrentBag<(Digest Digest, DeliveryEntity Claim)>();
                await Parallel.ForEachAsync(chunk, parallel, async (digest, token) =>
                {
                    var outcome = await ClaimAsync(deliveries, digest, job, batchId, token).ConfigureAwait(false);
                    if (outcome.Claim is { } claim)
                    {
                        claims.Add((digest, claim));
                    }
                    else if (outcome.RetryAt is { } retryAt)
                    {
                        busy.Add((digest.Subscriber.RowKey, retryAt));
                    }
                }).ConfigureAwait(false);
                if (claims.IsEmpty)
                {
                    continue;
                }

                var claimed = claims.ToList();
                var batch = new EmailBatch(options.Value.SendGrid.From, content.Subject, content.Html, content.Text, claimed.Select(c => Recipient(c.Digest.Subscriber, c.Claim)).ToList());
                try
                {
                    await sender.SendBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                }
                catch (EmailSendException e)
                {
                    // Refused for certain: nothing went out, so release the claims for the queue's retry.
                    await Parallel.ForEachAsync(claimed, parallel, async (c, token) =>
                        await deliveries.DeleteEntityAsync(c.Claim.PartitionKey, c.Claim.RowKey, c.Claim.ETag, token).ConfigureAwait(false)).ConfigureAwait(false);
                    await counters.IncrementAsync(Counters.EmailFailed, claimed.Count, CancellationToken.None).ConfigureAwait(false);
                    AlertsTelemetry.Delivered(DeliveryChannel.Email, sent: false, claimed.Count);
                    refused.Add(e.Message);
                    continue;
                }

                // Any other failure above leaves the claims "sending": whether the request went out is unknown, so
                // they are sent again only once stale. From here on the request is known to be accepted.
                await RecordAcceptedAsync(deliveries, batchId, claimed, job).ConfigureAwait(false);
                sent += claimed.Count;
            }
        }

        if (refused.Count > 0)
        {
            throw new EmailSendException($"{refused.Count} email requests refused: {refused[0]}");
        }

        if (!busy.IsEmpty)
        {
            // Another attempt holds these claims; look again when it has finished or gone stale.
            var retryAt = busy.Max(b => b.RetryAt);
            var queue = await storage.QueueAsync(StorageNames.DigestJobsQueue, cancellationToken).ConfigureAwait(false);
            var retry = job with { Schema = DigestJobMessage.CurrentSchema, SubscriberIds = busy.Select(b => b.Id).ToList() };
            await queue.SendAfterAsync(retry, retryAt - time.GetUtcNow() + TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }

        LogSent(sent, job.SubscriberIds.Count);
        return sent;
    }

    /// <summary>
    /// The batch row is the record that the request went out: one write, however many recipients. Claims stay
    /// "sending" and read as sent through it; the watermarks then move, which ends the subscribers' windows.
    /// </summary>
    private async Task RecordAcceptedAsync(TableClient deliveries, string batchId, List<(Digest Digest, DeliveryEntity Claim)> claimed, DigestJobMessage job)
    {
        var now = time.GetUtcNow();
        await deliveries.UpsertEntityAsync(
            new DeliveryEntity { PartitionKey = DeliveryEntity.BatchPartition, RowKey = batchId, State = DeliveryEntity.Sent, StartedAt = now, SentAt = now, WindowEnd = job.WindowEnd, ItemCount = claimed.Count },
            TableUpdateMode.Replace,
            CancellationToken.None).ConfigureAwait(false);

        // Not cancellable: the mail went out, so the record must follow even when the host is stopping.
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (c, _) =>
            await RecordRunAsync(c.Digest.Subscriber, c.Claim.WindowEnd, job.RunAt, CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);
        await counters.IncrementAsync(Counters.EmailSent, claimed.Count, CancellationToken.None).ConfigureAwait(false);
        AlertsTelemetry.Delivered(DeliveryChannel.Email, sent: true, claimed.Count);
    }

    private EmailRecipient Recipient(SubscriberEntity subscriber, DeliveryEntity claim)
    {
        var manage = links.Manage(options.Value.PublicBaseUrl, subscriber);
        var unsubscribe = links.Unsubscribe(options.Value.PublicBaseUrl, subscriber);
        return new EmailRecipient(
            claim.MessageId!,
            subscriber.Address,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [DigestRenderer.ManageUrl] = manage.AbsoluteUri,
                [DigestRenderer.UnsubscribeUrl] = unsubscribe.AbsoluteUri,
            },
            EmailMessage.UnsubscribeHeaders(unsubscribe));
    }

    /// <summary>
    /// Inserts the claim. When the row exists: its request on record as accepted means done, so the watermark
    /// catches up; a fresh "sending" claim belongs to another attempt (retry later); a stale one is taken over.
    /// </summary>
    private async Task<(DeliveryEntity? Claim, DateTimeOffset? RetryAt)> ClaimAsync(TableClient deliveries, Digest digest, DigestJobMessage job, string batchId, CancellationToken cancellationToken)
    {
        var subscriber = digest.Subscriber;
        var claim = new DeliveryEntity
        {
            PartitionKey = subscriber.RowKey,
            RowKey = DeliveryEntity.DigestId(subscriber.DigestWatermark),
            State = DeliveryEntity.Sending,
            StartedAt = time.GetUtcNow(),
            WindowEnd = job.WindowEnd,
            ItemCount = digest.Alerts.Count,
            MessageId = $"{subscriber.RowKey}-{subscriber.DigestWatermark.UtcTicks}",
            BatchId = batchId,
        };
        try
        {
            var added = await deliveries.AddEntityAsync(claim, cancellationToken).ConfigureAwait(false);
            claim.ETag = added.Headers.ETag ?? ETag.All;
            return (claim, null);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }

        var existing = (await deliveries.GetEntityAsync<DeliveryEntity>(claim.PartitionKey, claim.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
        if (existing.State == DeliveryEntity.Sent || (existing.BatchId is { } earlier
            && (await deliveries.GetEntityIfExistsAsync<DeliveryEntity>(DeliveryEntity.BatchPartition, earlier, cancellationToken: cancellationToken).ConfigureAwait(false)).HasValue))
        {
            await RecordRunAsync(subscriber, existing.WindowEnd, job.RunAt, cancellationToken).ConfigureAwait(false);
            return (null, null);
        }

        var staleAt = existing.StartedAt + StaleSending;
        if (time.GetUtcNow() < staleAt)
        {
            return (null, staleAt);
        }

        LogTakingOver(claim.RowKey, existing.StartedAt);
        claim.ETag = existing.ETag;
        try
        {
            var updated = await deliveries.UpdateEntityAsync(claim, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            claim.ETag = updated.Headers.ETag ?? ETag.All;
            return (claim, null);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return (null, time.GetUtcNow() + StaleSending);
        }
    }

    /// <summary>
    /// Records a digest run on the subscriber: a sent digest moves the watermark to its window's end (never back);
    /// <c>LastDigestAt</c> is the run, so daily and weekly subscribers get one run a day or week, mail or not, and
    /// immediate ones one mail per poll cycle.
    /// </summary>
    private async Task RecordRunAsync(SubscriberEntity subscriber, DateTimeOffset? sentUpTo, DateTimeOffset runAt, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var watermark = sentUpTo is { } end && end > subscriber.DigestWatermark ? end : subscriber.DigestWatermark;
            var lastRun = subscriber.LastDigestAt is { } last && last >= runAt ? last : runAt;
            if (watermark == subscriber.DigestWatermark && lastRun == subscriber.LastDigestAt)
            {
                return;
            }

            subscriber.DigestWatermark = watermark;
            subscriber.LastDigestAt = lastRun;
            if (await subscribers.UpdateAsync(subscriber, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var reread = await subscribers.GetAsync(subscriber.PartitionKey, subscriber.RowKey, cancellationToken).ConfigureAwait(false);
            if (reread is null)
            {
                return;
            }

            subscriber = reread;
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed record Digest(SubscriberEntity Subscriber, AlertPreferences Preferences, IReadOnlyList<AlertDocument> Alerts)
    {
        /// <summary>Digests with equal keys render identically except for the recipient's links.</summary>
        public string ContentKey => string.Join(',', Preferences.Topics.Order(StringComparer.Ordinal)) + "|" + string.Join(',', Alerts.Select(a => a.Id));
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Sent {Sent} digests for a job of {Subscribers} subscribers")]
    private partial void LogSent(int sent, int subscribers);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Digest {DigestId} was claimed at {StartedAt} by an attempt that never finished; sending it again")]
    private partial void LogTakingOver(string digestId, DateTimeOffset startedAt);
}
