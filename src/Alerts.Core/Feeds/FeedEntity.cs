using System.Runtime.Serialization;
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

    /// <summary>HTTP status of the last answer (after redirects); null when the request got no answer.</summary>
    public int? LastStatus { get; set; }

    /// <summary>Not polled any more after too many failures in a row; adding the feed again resumes it.</summary>
    public bool Paused { get; set; }

    /// <summary>Why the feed is paused or gone, for feed health.</summary>
    public string? PausedReason { get; set; }

    /// <summary>The publisher answered 410 Gone: the feed is never polled again unless an operator adds it again.</summary>
    public bool Gone { get; set; }

    /// <summary>The URL the feed was registered with, kept when a permanent redirect replaces <see cref="Url"/>.</summary>
    public string? OriginalUrl { get; set; }

    /// <summary>
    /// Short prefixes of the item keys in the last document fetched, all already handled, so an unchanged item costs
    /// no storage call on the next poll; <c>SeenItems</c> stays the dedupe point for everything else.
    /// </summary>
    public string? RecentItemKeys { get; set; }

    [IgnoreDataMember]
    public bool IsActive => !Paused && !Gone;
}
