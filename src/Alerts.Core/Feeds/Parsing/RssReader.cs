using System.Xml;
using static Alerts.Core.Feeds.Parsing.XmlFeedReader;

namespace Alerts.Core.Feeds.Parsing;

/// <summary>
/// RSS 0.9x, 1.0 (RDF) and 2.0, with the usual fallbacks to Dublin Core, iTunes, content:encoded and embedded Atom
/// elements when the plain RSS element is absent.
/// </summary>
internal static class RssReader
{
    public static ParsedFeed Read(XmlReader reader, Uri? baseUri)
    {
        var isRdf = reader.LocalName == "RDF";
        var version = Attribute(reader, "version")?.Trim();
        var format = isRdf ? FeedFormats.Rss10 : version is not null && version.StartsWith("0.", StringComparison.Ordinal) ? FeedFormats.Rss09x : FeedFormats.Rss20;
        var feed = new ItemFields();
        var items = new List<FeedItem>();
        var depth = Enter(reader);
        while (depth >= 0 && NextChild(reader, depth))
        {
            if (isRdf && reader.NamespaceURI == FeedNamespaces.Rss090)
            {
                format = FeedFormats.Rss09x;
            }

            switch (reader.LocalName)
            {
                case "channel":
                    ReadChannel(reader, BaseOf(reader, baseUri), feed, items);
                    break;
                case "item" when isRdf:
                    items.Add(ReadItem(reader, BaseOf(reader, baseUri)));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new ParsedFeed(feed.Get(Field.Title), feed.Get(Field.Link), items) { Format = format };
    }

    private static void ReadChannel(XmlReader reader, Uri? baseUri, ItemFields feed, List<FeedItem> items)
    {
        var depth = Enter(reader);
        while (depth >= 0 && NextChild(reader, depth))
        {
            var ns = reader.NamespaceURI;
            var name = reader.LocalName;
            if (ns == FeedNamespaces.Dc && name == "title")
            {
                feed.Set(Field.Title, ReadHtml(reader), 2);
            }
            else if (FeedNamespaces.IsAtom(ns) && name == "link")
            {
                var rel = Attribute(reader, "rel");
                var href = Link(Attribute(reader, "href"), BaseOf(reader, baseUri));
                reader.Skip();
                if (rel is null or "alternate")
                {
                    feed.Set(Field.Link, href, 2);
                }
            }
            else if (IsCore(ns) && name == "title")
            {
                feed.Set(Field.Title, ReadHtml(reader));
            }
            else if (IsCore(ns) && name == "link")
            {
                var elementBase = BaseOf(reader, baseUri);
                var href = Attribute(reader, "href");
                feed.Replace(Field.Link, Link(ReadString(reader) is { Length: > 0 } text ? text : href, elementBase));
            }
            else if (IsCore(ns) && name == "item")
            {
                items.Add(ReadItem(reader, BaseOf(reader, baseUri)));
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static FeedItem ReadItem(XmlReader reader, Uri? baseUri)
    {
        var item = new ItemFields();
        string? permalink = null;
        var depth = Enter(reader);
        while (depth >= 0 && NextChild(reader, depth))
        {
            var ns = reader.NamespaceURI;
            var name = reader.LocalName;
            if (IsCore(ns))
            {
                switch (name)
                {
                    case "title":
                        ReadHtml(reader, item, Field.Title);
                        break;
                    case "link":
                        var elementBase = BaseOf(reader, baseUri);
                        var href = Attribute(reader, "href");
                        item.Replace(Field.Link, Link(ReadString(reader) is { Length: > 0 } text ? text : href, elementBase));
                        break;
                    case "guid":
                        var isPermaLink = !string.Equals(Attribute(reader, "isPermaLink")?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
                        var guid = ReadString(reader);
                        item.Set(Field.Id, guid);
                        permalink = isPermaLink ? guid : null;
                        break;
                    case "description":
                        ReadHtml(reader, item, Field.Summary);
                        break;
                    case "pubDate":
                        ReadPublished(reader, item);
                        break;
                    case "author":
                        ReadAuthor(reader, item);
                        break;
                    case "category":
                        item.AddCategory(ReadContent(reader, out _));
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            else if (ns == FeedNamespaces.Dc || ns == FeedNamespaces.DcTerms)
            {
                ReadDublinCore(reader, name, item);
            }
            else if (ns == FeedNamespaces.Content && name == "encoded")
            {
                ReadHtml(reader, item, Field.Content);
            }
            else if (FeedNamespaces.IsAtom(ns))
            {
                ReadEmbeddedAtom(reader, name, item, baseUri);
            }
            else if (FeedNamespaces.IsItunes(ns))
            {
                ReadItunes(reader, name, item);
            }
            else
            {
                reader.Skip();
            }
        }

        if (item.Get(Field.Link) is null && permalink is not null)
        {
            item.Set(Field.Link, Link(permalink, baseUri) is { } url && Uri.IsWellFormedUriString(url, UriKind.Absolute) ? url : null);
        }

        return item.ToItem();
    }

    private static void ReadDublinCore(XmlReader reader, string name, ItemFields item)
    {
        switch (name)
        {
            case "title":
                ReadHtml(reader, item, Field.Title, 2);
                break;
            case "description":
                ReadHtml(reader, item, Field.Summary, 2);
                break;
            case "date" when item.WantsPublished(2) || item.WantsUpdated(2):
                var date = ReadDate(reader);
                item.SetPublished(date, 2);
                item.SetUpdated(date, 2);
                break;
            case "modified":
                ReadUpdated(reader, item, 3);
                break;
            case "author":
                ReadAuthor(reader, item, 2);
                break;
            case "creator":
                ReadAuthor(reader, item, 3);
                break;
            case "subject":
                item.AddCategory(ReadContent(reader, out _));
                break;
            default:
                reader.Skip();
                break;
        }
    }

    private static void ReadEmbeddedAtom(XmlReader reader, string name, ItemFields item, Uri? baseUri)
    {
        switch (name)
        {
            case "content" when item.Wants(Field.Content, 2):
                item.Set(Field.Content, AtomReader.ReadText(reader), 2);
                break;
            case "published":
                ReadPublished(reader, item, 3);
                break;
            case "author" when item.WantsAuthor(5):
                AtomReader.ReadPerson(reader, item, 5);
                break;
            case "updated":
                ReadUpdated(reader, item);
                break;
            case "category":
                item.AddCategory(Attribute(reader, "term"));
                reader.Skip();
                break;
            case "link":
                var rel = Attribute(reader, "rel");
                var href = Link(Attribute(reader, "href"), BaseOf(reader, baseUri));
                reader.Skip();
                if (rel is null or "alternate")
                {
                    item.Set(Field.Link, href, 2);
                }

                break;
            default:
                reader.Skip();
                break;
        }
    }

    private static void ReadItunes(XmlReader reader, string name, ItemFields item)
    {
        switch (name)
        {
            case "summary":
                ReadHtml(reader, item, Field.Summary, 3);
                break;
            case "author" when item.WantsAuthor(4):
                item.AddAuthor(ReadContent(reader, out _), 4);
                break;
            case "keywords":
                foreach (var keyword in ReadContent(reader, out _).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    item.AddCategory(keyword);
                }

                break;
            default:
                reader.Skip();
                break;
        }
    }

    /// <summary>RSS's own elements: no namespace (2.0, 0.9x), or the RSS 1.0 / 0.90 namespace of an RDF document.</summary>
    private static bool IsCore(string ns) => ns.Length == 0 || ns is "http://purl.org/rss/1.0/" or FeedNamespaces.Rss090 or "http://backend.userland.com/rss2";
}
