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

    /// <summary>Every name prefix in the document, on elements or attributes (found generously: extra ones are harmless).</summary>
    private static HashSet<string> UsedPrefixes(string xml)
        => [.. PrefixedName().Matches(xml).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"[<\s/]([A-Za-z_][\w.-]*):[A-Za-z_]", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixedName();

    /// <summary>The element's base URI: its <c>xml:base</c> resolved against the parent's.</summary>
    public static Uri? BaseOf(XmlReader reader, Uri? parent)
    {
        var declared = reader.GetAttribute("base", FeedNamespaces.Xml);
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
        isMarkup = false;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return "";
        }

        var depth = reader.Depth;
        reader.Read();
        string? first = null;
        StringBuilder? more = null;
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            string piece;
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    piece = isMarkup ? WebUtility.HtmlEncode(reader.Value) : reader.Value;
                    reader.Read();
                    break;
                case XmlNodeType.Element:
                    if (!isMarkup)
                    {
                        isMarkup = true;
                        first = first is null ? null : WebUtility.HtmlEncode(first);
                        if (more is not null)
                        {
                            var encoded = WebUtility.HtmlEncode(more.ToString());
                            more.Clear().Append(encoded);
                        }
                    }

                    piece = reader.ReadOuterXml();
                    break;
                default:
                    reader.Read();
                    continue;
            }

            if (first is null && more is null)
            {
                first = piece;
            }
            else
            {
                more ??= new StringBuilder(first);
                more.Append(piece);
            }
        }

        reader.Read();
        return more?.ToString() ?? first ?? "";
    }

    /// <summary>Element content read as HTML (RSS text fields): reduced to plain text.</summary>
    public static string ReadHtml(XmlReader reader) => PlainText.FromHtml(ReadContent(reader, out _));

    /// <summary>Element content that must be plain (ids, dates, URLs): surrounding whitespace trimmed.</summary>
    public static string ReadString(XmlReader reader) => ReadContent(reader, out _).Trim();

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
