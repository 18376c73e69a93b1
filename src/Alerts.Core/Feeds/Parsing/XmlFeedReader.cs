using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace Alerts.Core.Feeds.Parsing;

/// <summary>
/// Reads RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 from prepared text (<see cref="XmlRepair"/>) in one forward pass with
/// <see cref="XmlReader"/>: DTDs prohibited, no resolver, conventional prefixes declared for feeds that forget to.
/// </summary>
internal static partial class XmlFeedReader
{
    /// <summary>Chars of the scratch buffer to start with; documents with longer content grow it for the rest of their read.</summary>
    private const int ScratchSize = 4096;

    /// <summary>Room left for a chunk before the buffer grows: enough that a surrogate pair always fits.</summary>
    private const int MinimumChunk = 256;

    /// <summary>The buffer <see cref="ReadCharacters"/> reads into: one per thread, since a parse runs on one.</summary>
    [ThreadStatic]
    private static char[]? scratch;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CheckCharacters = false,
        ConformanceLevel = ConformanceLevel.Document,
    };

    public static ParsedFeed Read(string xml, Uri? baseUri)
    {
        try
        {
            return ReadWithPrefixes(new StringReader(xml), baseUri, []);
        }
        catch (XmlException e) when (e.Message.Contains("undeclared prefix", StringComparison.Ordinal))
        {
            // Feeds in the wild use prefixes they never declare; read them as unknown extensions rather than fail.
            return ReadWithPrefixes(new StringReader(xml), baseUri, UsedPrefixes(xml));
        }
    }

    /// <summary>A document streamed from <paramref name="text"/>, as written: nothing repaired, every prefix declared.</summary>
    public static ParsedFeed Read(TextReader text, Uri? baseUri) => ReadWithPrefixes(text, baseUri, []);

    private static ParsedFeed ReadWithPrefixes(TextReader text, Uri? baseUri, IEnumerable<string> extraPrefixes)
    {
        var names = new NameTable();
        var namespaces = new XmlNamespaceManager(names);
        foreach (var (prefix, uri) in FeedNamespaces.ConventionalPrefixes)
        {
            namespaces.AddNamespace(prefix, uri);
        }

        foreach (var prefix in extraPrefixes.Where(p => p is not ("xml" or "xmlns") && namespaces.LookupNamespace(p) is null))
        {
            namespaces.AddNamespace(prefix, "urn:undeclared-prefix:" + prefix);
        }

        try
        {
            using var reader = XmlReader.Create(text, Settings, new XmlParserContext(names, namespaces, null, XmlSpace.None));
            if (reader.MoveToContent() != XmlNodeType.Element)
            {
                throw new FeedFormatException("not a feed: no root element.");
            }

            var root = reader.LocalName;
            return root switch
            {
                "rss" or "RDF" => RssReader.Read(reader, BaseOf(reader, baseUri)),
                "feed" => AtomReader.Read(reader, BaseOf(reader, baseUri)),
                _ when root.Equals("html", StringComparison.OrdinalIgnoreCase) => throw new FeedFormatException(FeedParser.HtmlPageMessage),
                _ => throw new FeedFormatException($"not a feed: the root element is <{reader.Name}>, not <rss>, <rdf:RDF> or <feed>."),
            };
        }
        finally
        {
            // A document with very long content grew the buffer; do not keep that much for the thread's next feeds.
            if (scratch?.Length > ScratchSize * 16)
            {
                scratch = null;
            }
        }
    }

    /// <summary>Every name prefix in the document, on elements or attributes (found generously: extra ones are harmless).</summary>
    private static HashSet<string> UsedPrefixes(string xml)
        => [.. PrefixedName().Matches(xml).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"[<\s/]([A-Za-z_][\w.-]*):[A-Za-z_]", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixedName();

    /// <summary>The element's base URI: its <c>xml:base</c> resolved against the parent's.</summary>
    public static Uri? BaseOf(XmlReader reader, Uri? parent)
        => ResolveBase(reader.HasAttributes ? reader.GetAttribute("base", FeedNamespaces.Xml) : null, parent);

    /// <summary>A declared <c>xml:base</c> resolved against the parent's base URI; the parent's when none is declared.</summary>
    public static Uri? ResolveBase(string? declared, Uri? parent)
    {
        if (string.IsNullOrWhiteSpace(declared))
        {
            return parent;
        }

        return parent is not null && Uri.TryCreate(parent, declared.Trim(), out var resolved) ? resolved
            : Uri.TryCreate(declared.Trim(), UriKind.Absolute, out var absolute) ? absolute
            : parent;
    }

    /// <summary>
    /// A link as the model keeps it: absolute http(s) (resolved against <paramref name="baseUri"/> when relative), or
    /// relative when there is nothing to resolve against; other schemes (javascript:, data:, file:) are dropped.
    /// </summary>
    public static string? Link(string? raw, Uri? baseUri)
    {
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var absolute) && !value.StartsWith('/'))
        {
            return absolute.Scheme is "http" or "https" ? value : null;
        }

        if (baseUri is { IsAbsoluteUri: true } && Uri.TryCreate(baseUri, value, out var resolved))
        {
            return resolved.Scheme is "http" or "https" ? resolved.AbsoluteUri : null;
        }

        return Uri.IsWellFormedUriString(value, UriKind.Relative) ? value : null;
    }

    /// <summary>
    /// The element's content, consuming it: character data as is, or, when it holds child elements (XHTML or
    /// unescaped HTML), the whole content as markup. <paramref name="isMarkup"/> tells which.
    /// </summary>
    public static string ReadContent(XmlReader reader, out bool isMarkup)
    {
        var characters = ReadCharacters(reader, out var markup);
        isMarkup = markup is not null;
        return markup ?? characters.ToString();
    }

    /// <summary>
    /// The element's content, consuming it: its character data, read in place into a buffer that the next read
    /// reuses (so the text an item keeps is the only string made of it); or, when it holds child elements (XHTML or
    /// unescaped HTML), empty, with the whole content as <paramref name="markup"/>.
    /// </summary>
    public static ReadOnlySpan<char> ReadCharacters(XmlReader reader, out string? markup)
    {
        markup = null;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return [];
        }

        var depth = reader.Depth;
        reader.Read();
        var buffer = scratch ??= new char[ScratchSize];
        var length = 0;
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    while (true)
                    {
                        if (buffer.Length - length < MinimumChunk)
                        {
                            Array.Resize(ref buffer, buffer.Length * 2);
                            scratch = buffer;
                        }

                        var room = buffer.Length - length;
                        var read = reader.ReadValueChunk(buffer, length, room);
                        length += read;

                        // The reader fills all the room it is given while the value lasts, less one character when
                        // that would split a surrogate pair: anything shorter was the end of the value.
                        if (read < room - 1)
                        {
                            break;
                        }
                    }

                    reader.Read();
                    break;
                case XmlNodeType.Element:
                    markup = ReadMarkup(reader, depth, buffer.AsSpan(0, length));
                    return [];
                default:
                    reader.Read();
                    break;
            }
        }

        reader.Read();
        return buffer.AsSpan(0, length);
    }

    /// <summary>The rest of mixed content from its first child element on, as markup: text escaped, elements as written.</summary>
    private static string ReadMarkup(XmlReader reader, int depth, ReadOnlySpan<char> textBefore)
    {
        var markup = new StringBuilder(WebUtility.HtmlEncode(textBefore.ToString()));
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    markup.Append(WebUtility.HtmlEncode(reader.Value));
                    reader.Read();
                    break;
                case XmlNodeType.Element:
                    markup.Append(reader.ReadOuterXml());
                    break;
                default:
                    reader.Read();
                    break;
            }
        }

        reader.Read();
        return markup.ToString();
    }

    /// <summary>Element content read as HTML (RSS text fields): reduced to plain text.</summary>
    public static string ReadHtml(XmlReader reader)
    {
        var characters = ReadCharacters(reader, out var markup);
        return markup is null ? PlainText.FromHtml(characters) : PlainText.FromHtml(markup);
    }

    /// <summary>Element content that must be plain (ids, dates, URLs): surrounding whitespace trimmed.</summary>
    public static string ReadString(XmlReader reader)
    {
        var characters = ReadCharacters(reader, out var markup);
        return markup?.Trim() ?? characters.Trim().ToString();
    }

    /// <summary>Element content as a date (<see cref="FeedDates"/>), read without making a string of it.</summary>
    public static DateTimeOffset? ReadDate(XmlReader reader)
    {
        var characters = ReadCharacters(reader, out var markup);
        return markup is null ? FeedDates.Parse(characters) : FeedDates.Parse(markup);
    }

    /// <summary>HTML content into <paramref name="field"/>, or skipped unread when a better source already set it.</summary>
    public static void ReadHtml(XmlReader reader, ItemFields fields, Field field, int sourceRank = 1)
    {
        if (fields.Wants(field, sourceRank))
        {
            fields.Set(field, ReadHtml(reader), sourceRank);
        }
        else
        {
            reader.Skip();
        }
    }

    /// <summary>The published date, or skipped unread when a better source already gave it.</summary>
    public static void ReadPublished(XmlReader reader, ItemFields fields, int sourceRank = 1)
    {
        if (fields.WantsPublished(sourceRank))
        {
            fields.SetPublished(ReadDate(reader), sourceRank);
        }
        else
        {
            reader.Skip();
        }
    }

    /// <summary>The updated date, or skipped unread when a better source already gave it.</summary>
    public static void ReadUpdated(XmlReader reader, ItemFields fields, int sourceRank = 1)
    {
        if (fields.WantsUpdated(sourceRank))
        {
            fields.SetUpdated(ReadDate(reader), sourceRank);
        }
        else
        {
            reader.Skip();
        }
    }

    /// <summary>RSS-style author text, or skipped unread when a better source already gave the authors.</summary>
    public static void ReadAuthor(XmlReader reader, ItemFields fields, int sourceRank = 1)
    {
        if (fields.WantsAuthor(sourceRank))
        {
            fields.AddAuthor(AuthorText.Name(ReadContent(reader, out _)), sourceRank);
        }
        else
        {
            reader.Skip();
        }
    }

    /// <summary>The attribute's value, without a lookup on elements that have none (most of a feed's).</summary>
    public static string? Attribute(XmlReader reader, string name) => reader.HasAttributes ? reader.GetAttribute(name) : null;

    /// <summary>Moves to the next child element of the element at <paramref name="depth"/>; false at its end (consumed).</summary>
    public static bool NextChild(XmlReader reader, int depth)
    {
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1)
            {
                return true;
            }

            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
            {
                reader.Read();
                return false;
            }

            reader.Read();
        }

        return false;
    }

    /// <summary>Enters the current element; returns its depth for <see cref="NextChild"/>, or -1 when it is empty (consumed).</summary>
    public static int Enter(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return -1;
        }

        var depth = reader.Depth;
        reader.Read();
        return depth;
    }
}
