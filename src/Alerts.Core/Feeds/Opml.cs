using System.Xml;
using System.Xml.Linq;

namespace Alerts.Core.Feeds;

/// <summary>One feed of an OPML subscription list.</summary>
public sealed record OpmlFeed(string Url, string? Title);

/// <summary>OPML 1.0/2.0 subscription lists: every <c>outline</c> with an <c>xmlUrl</c>, at any depth.</summary>
public static class Opml
{
    /// <summary>Larger lists are refused rather than read into memory.</summary>
    public const long MaxCharacters = 5 * 1024 * 1024;

    public const int MaxTitleLength = 200;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        IgnoreComments = true,
    };

    /// <summary>Reads the feeds of an OPML document; throws <see cref="OpmlFormatException"/> when it is not one.</summary>
    public static IReadOnlyList<OpmlFeed> Read(Stream stream)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(stream, Settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new OpmlFormatException($"Not readable OPML: {e.Message}");
        }

        if (document.Root is not { Name.LocalName: "opml" } root)
        {
            throw new OpmlFormatException($"Not OPML: the root element is <{document.Root?.Name.LocalName}>, not <opml>.");
        }

        return root.Descendants()
            .Where(e => e.Name.LocalName == "outline" && !string.IsNullOrWhiteSpace((string?)e.Attribute("xmlUrl")))
            .Select(e => new OpmlFeed(((string)e.Attribute("xmlUrl")!).Trim(), Title(e)))
            .ToList();
    }

    public static string Write(string title, IEnumerable<OpmlFeed> feeds, DateTimeOffset created)
    {
        var body = new XElement("body", feeds.Select(f => new XElement(
            "outline",
            new XAttribute("type", "rss"),
            new XAttribute("text", f.Title ?? f.Url),
            f.Title is null ? null : new XAttribute("title", f.Title),
            new XAttribute("xmlUrl", f.Url))));
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("opml", new XAttribute("version", "2.0"), new XElement("head", new XElement("title", title), new XElement("dateCreated", created.ToString("R"))), body));
        return document.Declaration + Environment.NewLine + document.ToString();
    }

    private static string? Title(XElement outline)
    {
        var title = ((string?)outline.Attribute("title") ?? (string?)outline.Attribute("text"))?.Trim();
        return string.IsNullOrEmpty(title) ? null : title.Length > MaxTitleLength ? title[..MaxTitleLength] : title;
    }
}

public sealed class OpmlFormatException(string message) : Exception(message);
