namespace Alerts.Core.Feeds;

/// <summary>A message on <c>news-items</c>: one new item, found by PollFeeds, for ClassifyItem.</summary>
public sealed record NewsItemMessage(
    int Schema,
    string ItemKey,
    string FeedId,
    string? Source,
    string Title,
    string? Link,
    DateTimeOffset? Published,
    DateTimeOffset DiscoveredAt,
    string Summary)
{
    public const int CurrentSchema = 1;

    /// <summary>Queue messages are limited to 64 KB; summaries beyond this are cut.</summary>
    public const int MaxSummaryLength = 8000;
}
