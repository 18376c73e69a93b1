namespace Alerts.Core.Feeds;

/// <summary>
/// One entry of a parsed feed. Title, summary, content, authors and categories are plain text (tags removed,
/// entities decoded, whitespace folded); links are absolute http(s) URLs, or relative when nothing to resolve
/// them against was known; dates are UTC.
/// </summary>
public sealed record FeedItem(
    string? Id,
    string Title,
    string? Link,
    DateTimeOffset? Published,
    string Summary)
{
    public DateTimeOffset? Updated { get; init; }

    public string Content { get; init; } = "";

    public IReadOnlyList<string> Authors { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];
}

/// <summary>A parsed feed: its <see cref="FeedFormats"/> name, title, home page link and items in document order.</summary>
public sealed record ParsedFeed(string? Title, string? Link, IReadOnlyList<FeedItem> Items)
{
    public string Format { get; init; } = "";
}
