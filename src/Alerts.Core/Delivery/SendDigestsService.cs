using Alerts.Core.Scheduling;
using Alerts.Core.Storage;
using Alerts.Core.Subscriptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Delivery;

/// <summary>
/// SendDigests: finds email subscribers whose digest is due and puts them on <c>digest-jobs</c> in batches.
/// Subscribers with the same preferences and watermark get the same alerts, so they share a job and the job
/// shares SendGrid requests among them.
/// </summary>
public sealed partial class SendDigestsService(
    SubscriberStore subscribers,
    AlertsStorage storage,
    TimeProvider time,
    IOptions<AlertsOptions> options,
    ILogger<SendDigestsService> logger)
{
    public async Task<int> EnqueueDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var pollInterval = TimerSchedule.TryParse(options.Value.PollSchedule, out var poll, out _) ? poll!.Interval(now) : TimeSpan.FromMinutes(5);
        var due = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var count = 0;
        await foreach (var subscriber in subscribers.ActiveAsync(SubscriberEntity.EmailPartition, cancellationToken).ConfigureAwait(false))
        {
            if (!DigestSchedule.IsDue(subscriber, now, pollInterval))
            {
                continue;
            }

            var key = AlertPreferences.Of(subscriber).Key + "\n" + subscriber.DigestWatermark.UtcTicks;
            if (!due.TryGetValue(key, out var ids))
            {
                due[key] = ids = [];
            }

            ids.Add(subscriber.RowKey);
            count++;
        }

        // Items reach the Items table a little after their discovery time (classification runs in between); a
        // window that ends a settle delay ago does not pass over items still being classified.
        var windowEnd = now - options.Value.DigestSettleDelay;
        var jobs = due.Values.SelectMany(Batches).Select(ids => new DigestJobMessage(DigestJobMessage.CurrentSchema, ids, windowEnd, now)).ToList();
        var queue = await storage.QueueAsync(StorageNames.DigestJobsQueue, cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(
            jobs,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (job, token) => await queue.SendAsync(job, token).ConfigureAwait(false)).ConfigureAwait(false);

        LogEnqueued(count, jobs.Count);
        return count;
    }

    private static IEnumerable<IReadOnlyList<string>> Batches(List<string> ids)
    {
        var batch = new List<string>();
        var characters = 0;
        foreach (var id in ids)
        {
            if (batch.Count == EmailBatch.MaxRecipients || characters + id.Length + 3 > DigestJobMessage.MaxIdCharacters)
            {
                yield return batch;
                batch = [];
                characters = 0;
            }

            batch.Add(id);
            characters += id.Length + 3;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "{Subscribers} digests due, in {Jobs} digest jobs")]
    private partial void LogEnqueued(int subscribers, int jobs);
}
