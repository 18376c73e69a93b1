using System.Runtime.Serialization;
using Alerts.Core.Storage;
using Azure;
using Azure.Data.Tables;

namespace Alerts.Core.Classification;

/// <summary>A row of <c>Items</c>: a classified item that matched at least one topic.</summary>
public sealed class ItemEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ItemKey { get; set; } = "";
    public string FeedId { get; set; } = "";
    public string? Source { get; set; }
    public string Title { get; set; } = "";
    public string? Link { get; set; }
    public string Summary { get; set; } = "";
    public DateTimeOffset? Published { get; set; }
    public DateTimeOffset DiscoveredAt { get; set; }

    /// <summary>Comma-separated topic ids, for filtering without parsing <see cref="ClassificationJson"/>.</summary>
    public string Topics { get; set; } = "";
    /// <summary>Comma-separated country names (<see cref="Entities.Countries"/>), for filtering without parsing <see cref="ClassificationJson"/>.</summary>
    public string Countries { get; set; } = "";

    public string Severity { get; set; } = "";
    public string ClassificationJson { get; set; } = "";

    /// <summary>Partition and row derive from the discovery time and item key only, so a redelivered message rewrites the same row.</summary>
    public static (string Partition, string Row) KeysFor(DateTimeOffset discoveredAt, string itemKey)
        => (TableKeys.Day(discoveredAt), TableKeys.InvertedTicks(discoveredAt) + "-" + itemKey);

    [IgnoreDataMember]
    public IReadOnlyList<string> TopicIds => Topics.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
