using System.Reflection;
using Alerts.Core.Classification;
using Alerts.Core.Feeds;
using Alerts.Core.Scheduling;
using Alerts.Core.Storage;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Status;

/// <summary>Builds the status report; the rules for degraded and down are the ones written in the README.</summary>
public sealed class StatusService(
    FeedStore feeds,
    RunLog runs,
    Counters counters,
    AlertsStorage storage,
    HealthService health,
    TopicClassifier classifier,
    TimeProvider time,
    IOptions<AlertsOptions> options)
{
    public const string PollFeedsFunction = "PollFeeds";

    /// <summary>Feeds listed one by one in <see cref="FeedsStatus.Polled"/>; the counts always cover all of them.</summary>
    public const int MaxFeedsListed = 50;

    public static string Version { get; } =
        typeof(StatusService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public async Task<StatusReport> BuildAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (healthy, error) = await health.CheckAsync(cancellationToken).ConfigureAwait(false);
        if (!healthy)
        {
            return new StatusReport(
                OverallStatus.Down, Version, now, [error!], new FeedsStatus(0, 0, 0, [], []),
                new Dictionary<string, QueueStatus>(), new Dictionary<string, RunStatus>(), new Dictionary<string, long>(), new DeliveriesStatus(0, 0));
        }

        var feedRows = await feeds.ListAsync(cancellationToken).ConfigureAwait(false);
        var failing = feedRows.Where(f => f.ConsecutiveFailures > 0).ToList();
        var worst = failing.OrderByDescending(f => f.ConsecutiveFailures).Take(5).Select(Health).ToList();
        var polled = feedRows.OrderBy(f => f.Url, StringComparer.Ordinal).Take(MaxFeedsListed).Select(Health).ToList();

        var queues = new Dictionary<string, QueueStatus>(StringComparer.Ordinal);
        foreach (var name in StorageNames.Queues)
        {
            queues[name] = new QueueStatus(await DepthAsync(name, cancellationToken).ConfigureAwait(false), await DepthAsync(StorageNames.Poison(name), cancellationToken).ConfigureAwait(false));
        }

        var runRows = await runs.ListAsync(cancellationToken).ConfigureAwait(false);
        var runStatus = runRows.ToDictionary(r => r.RowKey, r => new RunStatus(r.LastStart, r.LastEnd, r.Outcome, r.ItemsNew), StringComparer.Ordinal);

        var sums = await counters.SumAsync(24, cancellationToken).ConfigureAwait(false);
        var items = classifier.TopicIds.ToDictionary(t => t, t => sums.GetValueOrDefault(Counters.ItemsFor(t)), StringComparer.Ordinal);
        items["unmatched"] = sums.GetValueOrDefault(Counters.ItemsUnmatched);

        var reasons = new List<string>();
        foreach (var (name, queue) in queues.Where(q => q.Value.Poison > 0))
        {
            reasons.Add($"{queue.Poison} poison messages in {StorageNames.Poison(name)}");
        }

        if (failing.Count > 0)
        {
            reasons.Add($"{failing.Count} of {feedRows.Count} feeds failing");
        }

        var poll = runRows.FirstOrDefault(r => r.RowKey == PollFeedsFunction);
        var interval = TimerSchedule.TryParse(options.Value.PollSchedule, out var schedule, out _) ? schedule!.Interval(now) : TimeSpan.FromMinutes(5);
        if (poll?.LastSuccess is { } lastPoll && now - lastPoll > 3 * interval)
        {
            reasons.Add($"no successful poll since {lastPoll:O}");
        }

        return new StatusReport(
            reasons.Count == 0 ? OverallStatus.Ok : OverallStatus.Degraded,
            Version,
            now,
            reasons,
            new FeedsStatus(feedRows.Count, feedRows.Count - failing.Count, failing.Count, worst, polled),
            queues,
            runStatus,
            items,
            new DeliveriesStatus(sums.GetValueOrDefault(Counters.EmailSent), sums.GetValueOrDefault(Counters.EmailFailed)));
    }

    private static FeedHealth Health(FeedEntity feed)
        => new(feed.Url, feed.LastPoll, feed.LastSuccess, feed.ConsecutiveFailures, feed.LastError, feed.ItemsNew);

    private async Task<int> DepthAsync(string queue, CancellationToken cancellationToken)
    {
        var client = await storage.QueueAsync(queue, cancellationToken).ConfigureAwait(false);
        var properties = await client.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
        return properties.Value.ApproximateMessagesCount;
    }
}
