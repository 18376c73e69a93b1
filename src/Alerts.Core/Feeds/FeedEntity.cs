using Azure;
using Azure.Data.Tables;

namespace Alerts.Core.Feeds;

/// <summary>A row of the <c>Feeds</c> table: one registered feed and its health.</summary>
public sealed class FeedEntity : ITableEntity
{
    public const string Partition = "feed";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Url { get; set; } = "";
    public string? Title { get; set; }
    public string? HttpETag { get; set; }
    public string? LastModified { get; set; }
    public DateTimeOffset? LastPoll { get; set; }
    public DateTimeOffset? LastSuccess { get; set; }
    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset? NextPoll { get; set; }
    public string? LastError { get; set; }
    public int ItemsNew { get; set; }
}
