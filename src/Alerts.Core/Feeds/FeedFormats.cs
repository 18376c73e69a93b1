namespace Alerts.Core.Feeds;

/// <summary>The names of the formats <see cref="FeedParser"/> reads, as <see cref="ParsedFeed.Format"/> reports them.</summary>
public static class FeedFormats
{
    public const string Rss20 = "rss2.0";
    public const string Rss10 = "rss1.0";
    public const string Rss09x = "rss0.9x";
    public const string Atom10 = "atom1.0";
    public const string Atom03 = "atom0.3";
    public const string Json11 = "json1.1";
    public const string Json10 = "json1.0";
}
