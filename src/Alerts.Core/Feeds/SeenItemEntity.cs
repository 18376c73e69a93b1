using Azure;
using Azure.Data.Tables;

namespace Alerts.Core.Feeds;

/// <summary>A row of <c>SeenItems</c> (partition: first two hex characters of the item key): the dedupe point. <see cref="Enqueued"/> turns true once the item is on the queue.</summary>
public sealed class SeenItemEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string FeedId { get; set; } = "";
    public DateTimeOffset DiscoveredAt { get; set; }
    public bool Enqueued { get; set; }

    /// <summary>Set instead of queueing when the near-duplicate check found the same story under this item key.</summary>
    public string? DuplicateOf { get; set; }

    public static string PartitionFor(string itemKey) => itemKey[..2];
}
