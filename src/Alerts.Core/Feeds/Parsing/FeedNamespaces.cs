namespace Alerts.Core.Feeds.Parsing;

/// <summary>Namespaces feeds use, and the prefixes feeds in the wild use without declaring them.</summary>
internal static class FeedNamespaces
{
    public const string Atom10 = "http://www.w3.org/2005/Atom";
    public const string Atom03 = "http://purl.org/atom/ns#";
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Rss090 = "http://my.netscape.com/rdf/simple/0.9/";
    public const string Dc = "http://purl.org/dc/elements/1.1/";
    public const string DcTerms = "http://purl.org/dc/terms/";
    public const string Content = "http://purl.org/rss/1.0/modules/content/";
    public const string Itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    public const string Media = "http://search.yahoo.com/mrss/";
    public const string Xml = "http://www.w3.org/XML/1998/namespace";

    /// <summary>Declared up front so that <c>&lt;content:encoded&gt;</c> without <c>xmlns:content</c> still reads as what it means.</summary>
    public static readonly IReadOnlyDictionary<string, string> ConventionalPrefixes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["atom"] = Atom10,
        ["rdf"] = Rdf,
        ["dc"] = Dc,
        ["dcterms"] = DcTerms,
        ["content"] = Content,
        ["itunes"] = Itunes,
        ["media"] = Media,
    };

    public static bool IsItunes(string ns) => ns.Equals(Itunes, StringComparison.OrdinalIgnoreCase);

    public static bool IsAtom(string ns) => ns is Atom10 or Atom03;
}
