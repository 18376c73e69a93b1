using Alerts.Core.Storage;
using Alerts.Core.Subscriptions;
using Microsoft.Extensions.Logging;

namespace Alerts.Core.Delivery;

/// <summary>SendDigests: finds email subscribers whose digest is due and puts one job per subscriber on <c>digest-jobs</c>.</summary>
public sealed partial class SendDigestsService(
    SubscriberStore subscribers,
    AlertsStorage storage,
    TimeProvider time,
    ILogger<SendDigestsService> logger)
{
    public async Task<int> EnqueueDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var queue = await storage.QueueAsync(StorageNames.DigestJobsQueue, cancellationToken).ConfigureAwait(false);
        var jobs = 0;
        await foreach (var subscriber in subscribers.ActiveAsync(SubscriberEntity.EmailPartition, cancellationToken).ConfigureAwait(false))
        {
            if (!DigestSchedule.IsDue(subscriber, now))
            {
                continue;
            }

            await queue.SendAsync(new DigestJobMessage(DigestJobMessage.CurrentSchema, subscriber.RowKey, now), cancellationToken).ConfigureAwait(false);
            jobs++;
        }

        LogEnqueued(jobs);
        return jobs;
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Enqueued {Jobs} digest jobs")]
    private partial void LogEnqueued(int jobs);
}
