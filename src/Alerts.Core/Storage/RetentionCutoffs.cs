namespace Alerts.Core.Storage;

/// <summary>
/// What one prune run deletes: partitions whose keys sort below the <c>...Below</c> keys (same prefix), title markers
/// last claimed before <see cref="TitleMarkersSeenBefore"/>, and delivery records started and last written before
/// <see cref="DeliveriesStartedBefore"/>.
/// </summary>
public sealed record RetentionCutoffs(
    string ItemsPartitionBelow,
    string UnmatchedPartitionBelow,
    string CounterPartitionBelow,
    DateTimeOffset TitleMarkersSeenBefore,
    DateTimeOffset DeliveriesStartedBefore);
