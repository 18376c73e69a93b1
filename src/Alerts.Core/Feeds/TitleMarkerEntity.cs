using Azure;
using Azure.Data.Tables;

namespace Alerts.Core.Feeds;

/// <summary>
/// A row of <c>SeenItems</c> in a <c>title-xx</c> partition: the first item seen with a normalised title, so a
/// later item with the same title (another feed, a changed GUID and link) is recognised as the same story.
/// </summary>
public sealed class TitleMarkerEntity : ITableEntity
{
    public const string PartitionPrefix = "title-";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ItemKey { get; set; } = "";
    public string FeedId { get; set; } = "";
    public DateTimeOffset SeenAt { get; set; }

    public static string PartitionFor(string titleKey) => PartitionPrefix + titleKey[..2];
}
