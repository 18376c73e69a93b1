namespace Alerts.Core.Feeds;

public enum FetchOutcome
{
    /// <summary>200: the body was read and parsed.</summary>
    Fetched,

    /// <summary>304: the feed has not changed since the stored validators.</summary>
    NotModified,

    /// <summary>410: the publisher removed the feed for good.</summary>
    Gone,
}

/// <summary>
/// One fetch of a feed. <see cref="MovedTo"/> is the URL reached through permanent redirects (301/308) only, which
/// replaces the stored URL; temporary redirects leave it alone.
/// </summary>
public sealed record FetchResult(FetchOutcome Outcome, int Status, ParsedFeed? Feed, string? HttpETag, string? LastModified, Uri? MovedTo);
