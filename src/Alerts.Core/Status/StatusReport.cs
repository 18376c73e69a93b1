namespace Alerts.Core.Status;

/// <summary>The body of <c>GET /api/status</c>: no personal data, served from counters and small tables.</summary>
public sealed record StatusReport(
    string Status,
    string Version,
    DateTimeOffset CheckedAt,
    IReadOnlyList<string> Reasons,
    FeedsStatus Feeds,
    IReadOnlyDictionary<string, QueueStatus> Queues,
    IReadOnlyDictionary<string, RunStatus> Runs,
    IReadOnlyDictionary<string, long> Items24h,
    DeliveriesStatus Deliveries24h);

/// <summary><see cref="Worst"/>: the failing feeds, most failures first; <see cref="Polled"/>: every feed's last poll.</summary>
public sealed record FeedsStatus(int Total, int Healthy, int Failing, IReadOnlyList<FeedHealth> Worst, IReadOnlyList<FeedHealth> Polled);

public sealed record FeedHealth(string Url, DateTimeOffset? LastPoll, DateTimeOffset? LastSuccess, int ConsecutiveFailures, string? LastError, int ItemsNew);

public sealed record QueueStatus(int Depth, int Poison);

public sealed record RunStatus(DateTimeOffset? LastStart, DateTimeOffset? LastEnd, string Outcome, int ItemsNew);

public sealed record DeliveriesStatus(long EmailSent, long EmailFailed);

public static class OverallStatus
{
    public const string Ok = "ok";
    public const string Degraded = "degraded";
    public const string Down = "down";
}
