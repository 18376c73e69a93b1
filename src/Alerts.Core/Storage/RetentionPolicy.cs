using Alerts.Core.Classification;
using Alerts.Core.Delivery;
using Alerts.Core.Feeds;
using Alerts.Core.Status;

namespace Alerts.Core.Storage;

/// <summary>
/// How long each kind of pruned row is kept, each derived from what the rows are for (README, "Retention").
/// Only <see cref="Items"/> is a setting; the <c>SeenItems</c> item-key markers are never pruned: they are the
/// permanent dedupe point, and a feed may keep listing an old item for years.
/// </summary>
public sealed class RetentionPolicy
{
    /// <summary>Queue messages are sent without a time-to-live, so the service's default applies: seven days.</summary>
    public static readonly TimeSpan QueueMessageLifetime = TimeSpan.FromDays(7);

    /// <summary>
    /// An unmatched marker only has to outlive every redelivery of its <c>news-items</c> message (the message's
    /// lifetime); a second week covers a message sent late by a poll healing a crash.
    /// </summary>
    public static readonly TimeSpan UnmatchedMarkers = QueueMessageLifetime + TimeSpan.FromDays(7);

    /// <summary>A title marker decides only within the near-duplicate window (48 h); a day more covers polls in flight.</summary>
    public static readonly TimeSpan TitleMarkers = NearDuplicateIndex.Window + TimeSpan.FromDays(1);

    /// <summary>Status and its page read the last 48 hourly counters; a week leaves room to look back at an incident.</summary>
    public static readonly TimeSpan HourlyCounters = TimeSpan.FromHours(StatusService.ChartHours) + TimeSpan.FromDays(5);

    /// <summary>
    /// Items must outlive everything that reads them: the alerts API's longest look-back (31 days), the longest
    /// digest window (8 days) and the lifetime of a message that rewrites them (7 days).
    /// </summary>
    public static readonly TimeSpan MinimumItems = new[] { AlertsQuery.MaxLookBack, SendDigestService.MaxWindow, QueueMessageLifetime }.Max();

    public RetentionPolicy(TimeSpan items)
    {
        if (items < MinimumItems)
        {
            throw new InvalidOperationException(
                $"Alerts:Retention:Items is {items}; it must be at least {MinimumItems.TotalDays:0} days, as long as the alerts API reaches back.");
        }

        Items = items;
    }

    public TimeSpan Items { get; }

    /// <summary>
    /// A delivery record guards against a second send while any message can still ask for one: it outlives its
    /// item (the only thing a webhook message or a redelivered classification refers to) by the lifetime of a
    /// message plus the longest delay one can be sent with, so it is gone only once nothing can refer to it.
    /// </summary>
    public TimeSpan Deliveries => Items + QueueMessageLifetime + DelayedQueueMessages.MaxDelay;

    /// <summary>
    /// The cut-offs at <paramref name="now"/>. Time-ordered partitions go whole: a day or hour is pruned once all of
    /// it is older than its retention, so partition keys below the cut-off's own partition go.
    /// </summary>
    public RetentionCutoffs CutoffsAt(DateTimeOffset now) => new(
        ItemsPartitionBelow: TableKeys.Day(now - Items),
        UnmatchedPartitionBelow: ClassifyItemService.UnmatchedPartitionPrefix + TableKeys.Day(now - UnmatchedMarkers),
        CounterPartitionBelow: Counters.PartitionFor(now - HourlyCounters),
        TitleMarkersSeenBefore: now - TitleMarkers,
        DeliveriesStartedBefore: now - Deliveries);
}
