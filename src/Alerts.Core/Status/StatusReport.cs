using System.Text.Json.Serialization;

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
    SubscribersStatus Subscribers,
    DeliveriesStatus Deliveries24h,
    [property: JsonIgnore] IReadOnlyList<HourlyItems> ItemsPerHour);

/// <summary>
/// <see cref="Worst"/>: the failing feeds, most failures first; <see cref="Polled"/>: every feed's last poll.
/// Paused feeds (paused after failures, or gone) are no longer polled and count as neither healthy nor failing.
/// </summary>
public sealed record FeedsStatus(int Total, int Healthy, int Failing, int Paused, IReadOnlyList<FeedHealth> Worst, IReadOnlyList<FeedHealth> Polled);

public sealed record FeedHealth(string Url, DateTimeOffset? LastPoll, DateTimeOffset? LastSuccess, int ConsecutiveFailures, string? LastError, int ItemsNew);

public sealed record QueueStatus(int Depth, int Poison);

public sealed record RunStatus(DateTimeOffset? LastStart, DateTimeOffset? LastEnd, string Outcome, int ItemsNew);

public sealed record SubscribersStatus(EmailSubscribersStatus Email, WebhookSubscribersStatus Webhook);

public sealed record EmailSubscribersStatus(int Active, int Pending);

/// <summary><see cref="Failing"/>: active endpoints in a failure streak (not yet disabled).</summary>
public sealed record WebhookSubscribersStatus(int Active, int Disabled, int Failing);

public sealed record DeliveriesStatus(long EmailSent, long EmailFailed, long WebhookSent, long WebhookFailed);

/// <summary>Items classified in one UTC hour, per topic (and <see cref="StatusService.Unmatched"/>), for the status page's chart.</summary>
public sealed record HourlyItems(DateTimeOffset Hour, IReadOnlyDictionary<string, long> Topics);

public static class OverallStatus
{
    public const string Ok = "ok";
    public const string Degraded = "degraded";
    public const string Down = "down";
}
