using System.Text;
using System.Xml;
using static Alerts.Core.Feeds.Parsing.XmlFeedReader;

namespace Alerts.Core.Feeds.Parsing;

/// <summary>Atom 1.0 and 0.3: text constructs by their type (and 0.3's mode), links by rel, <c>xml:base</c> throughout.</summary>
internal static class AtomReader
{
    public static ParsedFeed Read(XmlReader reader, Uri? baseUri)
    {
        var format = reader.NamespaceURI == FeedNamespaces.Atom03 || Attribute(reader, "version")?.Trim() == "0.3"
            ? FeedFormats.Atom03
            : FeedFormats.Atom10;
        var feed = new ItemFields();
        var items = new List<FeedItem>();
        var depth = Enter(reader);
        while (depth >= 0 && NextChild(reader, depth))
        {
            var ns = reader.NamespaceURI;
            if (!IsAtomOrNone(ns))
            {
                reader.Skip();
                continue;
            }

            switch (reader.LocalName)
            {
                case "title" when feed.Wants(Field.Title):
                    feed.Set(Field.Title, ReadText(reader));
                    break;
                case "link":
                    ReadLink(reader, baseUri, feed);
                    break;
                case "entry":
                    items.Add(ReadEntry(reader, BaseOf(reader, baseUri)));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new ParsedFeed(feed.Get(Field.Title), feed.Get(Field.Link), items) { Format = format };
    }

    private static FeedItem ReadEntry(XmlReader reader, Uri? baseUri)
    {
        var item = new ItemFields();
        var depth = Enter(reader);
        while (depth >= 0 && NextChild(reader, depth))
        {
            var ns = reader.NamespaceURI;
            if (ns == FeedNamespaces.Dc)
            {
                ReadDublinCore(reader, item);
                continue;
            }

            if (!IsAtomOrNone(ns))
            {
                reader.Skip();
                continue;
            }

            switch (reader.LocalName)
            {
                case "id" when item.Wants(Field.Id):
                    item.Set(Field.Id, ReadString(reader));
                    break;
                case "title" when item.Wants(Field.Title):
                    item.Set(Field.Title, ReadText(reader));
                    break;
                case "link":
                    ReadLink(reader, baseUri, item);
                    break;
                case "summary" when item.Wants(Field.Summary):
                    item.Set(Field.Summary, ReadText(reader));
                    break;
                case "content" when item.Wants(Field.Content) && Attribute(reader, "src") is null:
                    item.Set(Field.Content, ReadText(reader));
                    break;
                case "published" or "issued":
                    ReadPublished(reader, item);
                    break;
                case "created":
                    ReadPublished(reader, item, 2);
                    break;
                case "updated" or "modified":
                    ReadUpdated(reader, item);
                    break;
                case "author" when item.WantsAuthor():
                    ReadPerson(reader, item);
                    break;
                case "category":
                    item.AddCategory(Attribute(reader, "label") ?? Attribute(reader, "term"));
                    reader.Skip();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return item.ToItem();
    }

    /// <summary>An Atom text construct as plain text: <c>text</c> is taken literally, <c>html</c> and <c>xhtml</c> are reduced.</summary>
    public static string ReadText(XmlReader reader)
    {
        // One pass over the attributes rather than a lookup for each: every title, summary and content has them.
        string? typeAttribute = null;
        string? mode = null;
        if (reader.HasAttributes)
        {
            while (reader.MoveToNextAttribute())
            {
                if (reader.Prefix.Length == 0)
                {
                    switch (reader.LocalName)
                    {
                        case "type":
                            typeAttribute = reader.Value;
                            break;
                        case "mode":
                            mode = reader.Value;
                            break;
                    }
                }
            }

            reader.MoveToElement();
        }

        var type = typeAttribute.AsSpan().Trim();
        var base64 = string.Equals(mode, "base64", StringComparison.OrdinalIgnoreCase);
        var characters = ReadCharacters(reader, out var markup);
        var isHtml = markup is not null || IsHtmlType(type);
        if (base64)
        {
            var decoded = DecodeBase64(markup ?? characters.ToString());
            return isHtml ? PlainText.FromHtml(decoded) : PlainText.Fold(decoded);
        }

        if (markup is not null)
        {
            return PlainText.FromHtml(markup);
        }

        return isHtml ? PlainText.FromHtml(characters) : PlainText.Fold(characters);
    }

    private static bool IsHtmlType(ReadOnlySpan<char> type)
        => type.Equals("html", StringComparison.OrdinalIgnoreCase) || type.Equals("xhtml", StringComparison.OrdinalIgnoreCase)
            || type.Equals("text/html", StringComparison.OrdinalIgnoreCase) || type.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase);

    private static string DecodeBase64(string content)
    {
        var buffer = new byte[content.Length];
        return Convert.TryFromBase64String(content.Trim(), buffer, out var written) ? Encoding.UTF8.GetString(buffer, 0, written) : content;
    }

    private static void ReadLink(XmlReader reader, Uri? baseUri, ItemFields fields)
    {
        // One pass over the attributes, xml:base among them, rather than a lookup for each (one by namespace).
        string? rel = null;
        string? href = null;
        string? declaredBase = null;
        if (reader.HasAttributes)
        {
            while (reader.MoveToNextAttribute())
            {
                if (reader.Prefix.Length == 0)
                {
                    switch (reader.LocalName)
                    {
                        case "rel":
                            rel = reader.Value.Trim();
                            break;
                        case "href":
                            href = reader.Value;
                            break;
                    }
                }
                else if (reader.LocalName == "base" && reader.NamespaceURI == FeedNamespaces.Xml)
                {
                    declaredBase = reader.Value;
                }
            }

            reader.MoveToElement();
        }

        href = Link(href, ResolveBase(declaredBase, baseUri));
        reader.Skip();
        if (rel is null or "alternate")
        {
            fields.Set(Field.Link, href);
        }
    }

    /// <summary>An Atom person construct: the name, else the email address.</summary>
    public static void ReadPerson(XmlReader reader, ItemFields item, int sourceRank = 1)
    {
        string? name = null;
        string? email = null;
        var depth = Enter(reader);
        while (depth >= 0 && NextChild(reader, depth))
        {
            switch (reader.LocalName)
            {
                case "name":
                    name = ReadString(reader);
                    break;
                case "email":
                    email = ReadString(reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        item.AddAuthor(string.IsNullOrEmpty(name) ? email : name, sourceRank);
    }

    private static void ReadDublinCore(XmlReader reader, ItemFields item)
    {
        switch (reader.LocalName)
        {
            case "creator":
                ReadAuthor(reader, item, 2);
                break;
            case "subject":
                item.AddCategory(ReadContent(reader, out _));
                break;
            default:
                reader.Skip();
                break;
        }
    }

    private static bool IsAtomOrNone(string ns) => ns.Length == 0 || FeedNamespaces.IsAtom(ns);
}
