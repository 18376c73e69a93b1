using System.Net;
using System.ServiceModel.Syndication;
using System.Text.RegularExpressions;
using System.Xml;

namespace Alerts.Core.Feeds;

/// <summary>Parses RSS 2.0 and Atom 1.0 with DTDs prohibited; a document that is not a feed throws <see cref="FeedFormatException"/>.</summary>
public static partial class FeedParser
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        Async = false,
    };

    public static ParsedFeed Parse(Stream stream)
    {
        try
        {
            using var reader = XmlReader.Create(stream, Settings);
            var feed = SyndicationFeed.Load(reader);
            var items = feed.Items.Select(ToItem).ToList();
            return new ParsedFeed(PlainText(feed.Title?.Text), feed.Links.FirstOrDefault()?.Uri?.ToString(), items);
        }
        catch (Exception e) when (e is XmlException or FormatException)
        {
            throw new FeedFormatException($"Not a readable RSS or Atom feed: {e.Message}", e);
        }
    }

    private static FeedItem ToItem(SyndicationItem item)
    {
        var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri?.ToString();
        var summary = item.Summary?.Text ?? (item.Content as TextSyndicationContent)?.Text;
        DateTimeOffset? published = item.PublishDate != default ? item.PublishDate.ToUniversalTime()
            : item.LastUpdatedTime != default ? item.LastUpdatedTime.ToUniversalTime() : null;
        return new FeedItem(
            string.IsNullOrWhiteSpace(item.Id) ? null : item.Id.Trim(),
            PlainText(item.Title?.Text),
            link,
            published,
            PlainText(summary));
    }

    /// <summary>Feed text may carry HTML: keep only its text, decoded and with whitespace folded.</summary>
    public static string PlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }

        var text = Tags().Replace(html, " ");
        text = WebUtility.HtmlDecode(text);
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}

