using System.Text;
using Alerts.Core.Feeds;
using Alerts.Core.Feeds.Parsing;
using Alerts.Core.Tests.Support;

namespace Alerts.Core.Tests.Feeds;

public class FeedParserTests
{
    private static ParsedFeed ParseSample(string file)
    {
        using var stream = File.OpenRead(Path.Combine(RepoPaths.SampleFeeds, file));
        return FeedParser.Parse(stream);
    }

    private static ParsedFeed ParseText(string xml)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        return FeedParser.Parse(stream);
    }

    [Theory]
    [InlineData("trade-wire.xml", 6, "Trade Wire (sample)")]
    [InlineData("markets-daily.atom", 6, "Markets Daily (sample)")]
    [InlineData("policy-brief.xml", 5, "Policy Brief (sample)")]
    public void Parses_each_sample_feed(string file, int count, string title)
    {
        var feed = ParseSample(file);

        Assert.Equal(count, feed.Items.Count);
        Assert.Equal(title, feed.Title);
        Assert.All(feed.Items, item =>
        {
            Assert.False(string.IsNullOrWhiteSpace(item.Title));
            Assert.False(string.IsNullOrWhiteSpace(item.Summary));
            Assert.StartsWith("http://example.org/", item.Link, StringComparison.Ordinal);
            Assert.NotNull(item.Published);
            Assert.Equal(TimeSpan.Zero, item.Published!.Value.Offset);
        });
    }

    [Fact]
    public void Rss_items_keep_order_guid_link_and_date()
    {
        var feed = ParseSample("trade-wire.xml");
        var first = feed.Items[0];

        Assert.Equal("US and Chinese negotiators open fifth round of trade talks in Kuala Lumpur", first.Title);
        Assert.Equal("trade-wire-2025-10-25-001", first.Id);
        Assert.Equal("http://example.org/trade-wire/2025/10/25/us-china-talks-kuala-lumpur?utm_source=rss&utm_medium=feed&utm_campaign=trade", first.Link);
        Assert.Equal(new DateTimeOffset(2025, 10, 25, 8, 30, 0, TimeSpan.Zero), first.Published);
        Assert.Equal("State regulator approves new feed-in tariff for rooftop solar", feed.Items[^1].Title);
    }

    [Fact]
    public void Rss_item_without_guid_has_no_id()
    {
        var item = ParseSample("trade-wire.xml").Items.Single(i => i.Title.StartsWith("Beijing widens", StringComparison.Ordinal));

        Assert.Null(item.Id);
        Assert.Equal("http://example.org/trade-wire/2025/10/09/china-rare-earth-controls", item.Link);
    }

    [Fact]
    public void Escaped_ampersand_in_a_title_is_decoded()
    {
        var titles = ParseSample("trade-wire.xml").Items.Select(i => i.Title).ToList();

        Assert.Contains("Beijing widens rare-earth export controls to holmium, erbium & magnet technology", titles);
        Assert.DoesNotContain(titles, t => t.Contains("&amp;", StringComparison.Ordinal));
    }

    [Fact]
    public void Cdata_html_description_becomes_plain_text()
    {
        var item = ParseSample("policy-brief.xml").Items.Single(i => i.Id == "policy-brief-2025-10-16-004");

        Assert.DoesNotContain("<", item.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(">", item.Summary, StringComparison.Ordinal);
        Assert.Equal(
            "China has banned exports of gallium, germanium and antimony to the United States, cutting off critical minerals used in chips, fibre optics and ammunition. This brief looks at who is exposed and where else buyers can turn.",
            item.Summary);
    }

    [Fact]
    public void Atom_entries_use_id_alternate_link_summary_and_published()
    {
        var feed = ParseSample("markets-daily.atom");
        var first = feed.Items[0];

        Assert.Equal("tag:example.org,2025:markets-daily/2025-10-31-truce", first.Id);
        Assert.Equal("Tariff truce to hold until November 10 as negotiators work on a deal", first.Title);
        Assert.Equal("http://example.org/markets-daily/2025/10/31/tariff-truce-november-10", first.Link);
        Assert.Equal(new DateTimeOffset(2025, 10, 31, 18, 20, 0, TimeSpan.Zero), first.Published);
        Assert.StartsWith("Officials in Washington and Beijing said", first.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Atom_entry_without_published_uses_updated()
    {
        const string atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>T</title><id>urn:t</id><updated>2025-01-02T00:00:00Z</updated>
              <entry>
                <title type="html">Tariffs &lt;b&gt;rise&lt;/b&gt;</title>
                <id>urn:t:1</id>
                <updated>2025-01-02T03:04:05+02:00</updated>
                <summary type="html">&lt;p&gt;Duties up&lt;/p&gt;</summary>
              </entry>
            </feed>
            """;

        var item = Assert.Single(ParseText(atom).Items);

        Assert.Equal(new DateTimeOffset(2025, 1, 2, 1, 4, 5, TimeSpan.Zero), item.Published);
        Assert.Equal(TimeSpan.Zero, item.Published!.Value.Offset);
        Assert.Equal("Tariffs rise", item.Title);
        Assert.Equal("Duties up", item.Summary);
        Assert.Null(item.Link);
    }

    [Fact]
    public void Escaped_markup_in_a_title_is_decoded_to_text()
    {
        const string rss = """
            <?xml version="1.0"?>
            <rss version="2.0"><channel><title>x</title><link>http://example.org/</link><description>d</description>
            <item><title>&lt;script&gt;alert(1)&lt;/script&gt; Tariffs &amp;amp; duties</title><link>http://example.org/1</link>
            <description>&lt;p&gt;A &amp;lt;b&amp;gt; tag&lt;/p&gt;</description></item></channel></rss>
            """;

        var item = Assert.Single(ParseText(rss).Items);

        // The title element's text is "<script>alert(1)</script> Tariffs &amp; duties": the script goes with its content, the entity is decoded.
        Assert.Equal("Tariffs & duties", item.Title);
        Assert.Equal("A <b> tag", item.Summary);
    }

    [Theory]
    [InlineData("<p>Hello <b>world</b></p>", "Hello world")]
    [InlineData("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>")]
    [InlineData("<script>alert(1)</script>ok", "ok")]
    [InlineData("<style>p { color: red }</style>ok", "ok")]
    [InlineData("Tom &amp; Jerry &quot;quoted&quot; &#233;t&#xE9;", "Tom & Jerry \"quoted\" été")]
    [InlineData("  line one\r\n\tline   two  ", "line one line two")]
    [InlineData("a<br/>b", "a b")]
    [InlineData("<img src=x onerror=alert(1)>caption", "caption")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void FromHtml_strips_tags_decodes_entities_and_folds_whitespace(string? html, string expected)
        => Assert.Equal(expected, PlainText.FromHtml(html));

    [Fact]
    public void FromHtml_decodes_only_once()
        => Assert.Equal("&lt;b&gt;", PlainText.FromHtml("&amp;lt;b&amp;gt;"));
}
