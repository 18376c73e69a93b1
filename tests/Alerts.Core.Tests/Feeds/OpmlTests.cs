using System.Text;
using Alerts.Core.Feeds;

namespace Alerts.Core.Tests.Feeds;

public class OpmlTests
{
    private static IReadOnlyList<OpmlFeed> Read(string xml) => Opml.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

    [Fact]
    public void Reads_feeds_at_any_depth_with_their_titles()
    {
        var feeds = Read("""
            <opml version="1.0"><head/><body>
              <outline text="Folder"><outline text="Inner" type="rss" xmlUrl=" https://example.org/a.xml " />
                <outline text="Deeper"><outline title="Titled" text="ignored" xmlUrl="https://example.org/b.xml" /></outline></outline>
              <outline text="No url" />
              <outline xmlUrl="https://example.org/c.xml" />
            </body></opml>
            """);

        Assert.Equal(
            [new OpmlFeed("https://example.org/a.xml", "Inner"), new OpmlFeed("https://example.org/b.xml", "Titled"), new OpmlFeed("https://example.org/c.xml", null)],
            feeds);
    }

    [Theory]
    [InlineData("""<!DOCTYPE opml [<!ENTITY e SYSTEM "file:///etc/passwd">]><opml><body><outline xmlUrl="&e;"/></body></opml>""", "DTD")]
    [InlineData("""<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><opml><body><outline xmlUrl="&b;"/></body></opml>""", "DTD")]
    [InlineData("""<rss version="2.0"/>""", "not <opml>")]
    [InlineData("""<opml><body>""", "Not readable OPML")]
    public void Hostile_or_foreign_documents_are_refused(string xml, string reason)
        => Assert.Contains(reason, Assert.Throws<OpmlFormatException>(() => Read(xml)).Message, StringComparison.Ordinal);

    [Fact]
    public void Written_lists_read_back_with_markup_escaped()
    {
        var feeds = new[] { new OpmlFeed("https://example.org/a.xml?x=1&y=2", "A <b>bold</b> \"wire\""), new OpmlFeed("https://example.org/b.xml", null) };

        var xml = Opml.Write("Alerts feeds", feeds, new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));

        Assert.Contains("A &lt;b&gt;bold&lt;/b&gt;", xml, StringComparison.Ordinal);
        Assert.Equal([feeds[0], new OpmlFeed("https://example.org/b.xml", "https://example.org/b.xml")], Read(xml));
    }

    [Fact]
    public void The_default_feeds_are_valid_http_urls_without_duplicates()
    {
        var feeds = DefaultFeeds.Embedded();

        Assert.True(feeds.Count >= 10);
        Assert.All(feeds, f => Assert.True(FeedUrl.TryParse(f.Url, out _, out var error), $"{f.Url}: {error}"));
        Assert.All(feeds, f => Assert.False(string.IsNullOrEmpty(f.Title)));
        Assert.Equal(feeds.Count, feeds.Select(f => FeedStore.FeedId(f.Url)).Distinct().Count());
    }
}
