namespace Alerts.Core.Feeds;

/// <summary>One entry of a parsed feed, with text already reduced to plain text.</summary>
public sealed record FeedItem(
    string? Id,
    string Title,
    string? Link,
    DateTimeOffset? Published,
    string Summary);

public sealed record ParsedFeed(string? Title, string? Link, IReadOnlyList<FeedItem> Items);
