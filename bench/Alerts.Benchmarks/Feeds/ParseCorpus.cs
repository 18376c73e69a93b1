using System.Globalization;
using System.Text;

namespace Alerts.Benchmarks.Feeds;

/// <summary>
/// The parse benchmarks' corpus: gofeed's test feeds (read in place from <c>ALERTS_GOFEED_DIR</c> or
/// <c>../shared/feeds/gofeed</c> beside the repository) plus large generated RSS 2.0 and Atom 1.0 feeds.
/// Set <c>ALERTS_BENCH_SHORT=1</c> for a small corpus (CI's short mode).
/// </summary>
public static class ParseCorpus
{
    public sealed record Document(string Name, byte[] Bytes);

    public static bool IsShortMode => Environment.GetEnvironmentVariable("ALERTS_BENCH_SHORT") == "1";

    public static List<Document> Load()
    {
        var documents = new List<Document>();
        if (GofeedFolder() is { } gofeed)
        {
            documents.AddRange(Directory.EnumerateFiles(Path.Combine(gofeed, "testdata", "translator"), "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".xml", StringComparison.Ordinal) || (f.Contains("/json/", StringComparison.Ordinal) && !f.EndsWith("_expected.json", StringComparison.Ordinal)))
                .Order(StringComparer.Ordinal)
                .Select(f => new Document(Path.GetRelativePath(gofeed, f), File.ReadAllBytes(f))));
        }
        else
        {
            // Ratios over generated feeds alone are not comparable with those over the full corpus: say so.
            Console.Error.WriteLine("gofeed test data not found (shared/feeds/gofeed beside the repository, or ALERTS_GOFEED_DIR): corpus is generated feeds only");
        }

        var items = IsShortMode ? 50 : 500;
        var copies = IsShortMode ? 1 : 4;
        for (var i = 0; i < copies; i++)
        {
            documents.Add(new Document($"generated/rss-{items}-{i}.xml", GeneratedRss(items, i)));
            documents.Add(new Document($"generated/atom-{items}-{i}.xml", GeneratedAtom(items, i)));
        }

        return documents;
    }

    public static string? GofeedFolder()
    {
        var configured = Environment.GetEnvironmentVariable("ALERTS_GOFEED_DIR");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Alerts.sln")))
                {
                    var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "feeds", "gofeed"));
                    return Directory.Exists(candidate) ? candidate : null;
                }
            }
        }

        return null;
    }

    /// <summary>A news-sized RSS 2.0 feed: CDATA HTML descriptions, entities, categories, RFC 822 dates.</summary>
    private static byte[] GeneratedRss(int count, int seed)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>")
            .Append("<title>Generated trade wire</title><link>https://example.org/</link><description>Benchmark feed</description>");
        var date = new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var when = date.AddMinutes((i * 37) + seed).ToString("r", CultureInfo.InvariantCulture);
            xml.Append(CultureInfo.InvariantCulture, $"<item><title>Tariff talks &amp; rare-earth export controls, update {seed}-{i}</title>")
                .Append(CultureInfo.InvariantCulture, $"<link>https://example.org/news/{seed}/{i}?utm_source=rss</link><guid isPermaLink=\"false\">gen-{seed}-{i}</guid>")
                .Append(CultureInfo.InvariantCulture, $"<pubDate>{when}</pubDate><dc:creator>Desk {i % 7}</dc:creator><category>tariffs</category><category>trade</category>")
                .Append("<description><![CDATA[<p>Negotiators met again on <b>Section 301</b> duties and licensing of gallium, germanium and antimony exports. ")
                .Append("Officials said a deal could cut tariffs by half while keeping controls on magnet technology.</p>]]></description>")
                .Append("<content:encoded><![CDATA[<p>Full text paragraph one about tariffs.</p><p>Paragraph two with <a href=\"https://example.org\">a link</a>.</p>]]></content:encoded></item>");
        }

        return Encoding.UTF8.GetBytes(xml.Append("</channel></rss>").ToString());
    }

    /// <summary>A news-sized Atom 1.0 feed with HTML summaries and content.</summary>
    private static byte[] GeneratedAtom(int count, int seed)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">")
            .Append("<title>Generated markets</title><id>urn:generated</id><updated>2025-11-01T00:00:00Z</updated><link href=\"https://example.org/\"/>");
        var date = new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var when = date.AddMinutes((i * 41) + seed).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            xml.Append(CultureInfo.InvariantCulture, $"<entry><id>urn:generated:{seed}:{i}</id><title type=\"html\">Export controls &amp;lt;update&amp;gt; {i}</title>")
                .Append(CultureInfo.InvariantCulture, $"<link rel=\"alternate\" href=\"https://example.org/markets/{seed}/{i}\"/><published>{when}</published><updated>{when}</updated>")
                .Append("<author><name>Markets desk</name></author><category term=\"export-controls\"/>")
                .Append("<summary type=\"html\">&lt;p&gt;Beijing widened controls on rare earths; markets reacted with caution.&lt;/p&gt;</summary>")
                .Append("<content type=\"html\">&lt;p&gt;Longer text about tariffs, quotas and licensing regimes across the region.&lt;/p&gt;</content></entry>");
        }

        return Encoding.UTF8.GetBytes(xml.Append("</feed>").ToString());
    }
}
