using Alerts.Core.Storage;

namespace Alerts.Core.Status;

/// <summary>
/// What makes the service degraded (down is decided earlier: storage did not answer). The README's status
/// section states the same rules; change both together.
/// </summary>
public static class StatusRules
{
    /// <summary>PollFeeds may miss this many poll intervals before status says so.</summary>
    public const int MissedPollIntervals = 3;

    /// <summary>Why the service is degraded; empty when it is ok.</summary>
    public static IReadOnlyList<string> Degradations(
        DateTimeOffset now, FeedsStatus feeds, IReadOnlyDictionary<string, QueueStatus> queues, DateTimeOffset? lastSuccessfulPoll, TimeSpan pollInterval)
    {
        var reasons = new List<string>();
        foreach (var (name, queue) in queues.Where(q => q.Value.Poison > 0))
        {
            reasons.Add($"{queue.Poison} poison messages in {StorageNames.Poison(name)}");
        }

        if (feeds.Failing > 0)
        {
            reasons.Add($"{feeds.Failing} of {feeds.Total} feeds failing");
        }

        if (lastSuccessfulPoll is { } lastPoll && now - lastPoll > MissedPollIntervals * pollInterval)
        {
            reasons.Add($"no successful poll since {lastPoll:yyyy-MM-ddTHH:mm:ssZ} ({MissedPollIntervals} poll intervals are {(MissedPollIntervals * pollInterval).TotalMinutes:0} min)");
        }

        return reasons;
    }
}
