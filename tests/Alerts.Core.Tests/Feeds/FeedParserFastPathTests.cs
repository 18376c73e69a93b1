using System.Text;
using Alerts.Core.Feeds;
using Alerts.Core.Feeds.Parsing;

namespace Alerts.Core.Tests.Feeds;

/// <summary>The parser's shortcuts (content read in place, skipped elements, one-pass text reduction) give what the long way gave.</summary>
public class FeedParserFastPathTests
{
    private static ParsedFeed Parse(string xml)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        return FeedParser.Parse(stream);
    }

    private static FeedItem RssItem(string itemXml)
        => Parse($"""<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title><item>{itemXml}</item></channel></rss>""").Items.Single();

    [Fact]
    public void Unknown_elements_with_nested_content_cdata_and_extensions_are_skipped_whole()
    {
        var item = RssItem("""
            <x:meta xmlns:x="urn:example:x"><x:deep a="1"><title>not this</title><![CDATA[</item><title>nor this</title>]]></x:deep></x:meta>
            <title>Tariff talks</title>
            <media:group xmlns:media="http://search.yahoo.com/mrss/"><media:title>media title</media:title><media:description><![CDATA[<p>media</p>]]></media:description></media:group>
            <unknown><link>https://example.org/wrong</link></unknown>
            <link>https://example.org/right</link>
            <description><![CDATA[<p>Body</p>]]></description>
            """);

        Assert.Equal("Tariff talks", item.Title);
        Assert.Equal("https://example.org/right", item.Link);
        Assert.Equal("Body", item.Summary);
    }

    [Fact]
    public void Worse_sources_after_a_better_one_are_skipped_and_before_it_are_replaced()
    {
        var item = RssItem("""
            <dc:creator>Desk (creator)</dc:creator>
            <title>Plain title</title><dc:title>Dublin Core title</dc:title>
            <pubDate>Sat, 01 Nov 2025 03:05:00 GMT</pubDate><dc:date>2020-01-01T00:00:00Z</dc:date>
            <author>jane@example.org (Jane Roe)</author><dc:creator>Ignored Creator</dc:creator>
            <content:encoded><![CDATA[<p>Full</p>]]></content:encoded><dc:description>Ignored summary source</dc:description><description>Summary</description>
            """);

        Assert.Equal("Plain title", item.Title);
        Assert.Equal(new DateTimeOffset(2025, 11, 1, 3, 5, 0, TimeSpan.Zero), item.Published);
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), item.Updated);
        Assert.Equal(["Jane Roe"], item.Authors);
        Assert.Equal("Summary", item.Summary);
        Assert.Equal("Full", item.Content);
    }

    [Fact]
    public void Text_split_over_cdata_sections_and_character_data_is_read_whole()
    {
        var item = RssItem("<title>Tariffs <![CDATA[& 5%]]> &amp; more</title><description>a<![CDATA[ <b>b</b> ]]>c</description>");

        Assert.Equal("Tariffs & 5% & more", item.Title);
        Assert.Equal("a b c", item.Summary);
    }

    [Fact]
    public void Content_longer_than_the_read_buffer_keeps_every_character()
    {
        // Surrogate pairs at every offset, so that some fall on the boundaries where the buffer grows.
        var words = string.Join(' ', Enumerable.Range(0, 3000).Select(i => $"w{i}\U0001F600"));
        var item = RssItem($"<description><![CDATA[<p>{words}</p>]]></description><content:encoded>{words}</content:encoded>");

        Assert.Equal(words, item.Summary);
        Assert.Equal(words, item.Content);
    }

    [Fact]
    public void Xhtml_content_with_text_before_its_first_element_is_read_as_markup()
    {
        var feed = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id>
            <title type="xhtml">Lead &amp; <b xmlns="http://www.w3.org/1999/xhtml">bold</b> <i xmlns="http://www.w3.org/1999/xhtml">text</i> &lt;tail&gt;</title>
            </entry></feed>
            """);

        Assert.Equal("Lead & bold text <tail>", feed.Items.Single().Title);
    }

    [Fact]
    public void A_date_of_too_many_digits_is_unreadable_without_failing_the_feed()
    {
        var item = RssItem("<title>t</title><pubDate>Sat, 01 Nov 20252025202520252025 03:05:00 GMT</pubDate>");

        Assert.Null(item.Published);
        Assert.Null(FeedDates.Parse("202520252025 Mon"));
    }

    [Fact]
    public void Atom_attributes_read_in_one_pass_go_by_name_and_namespace()
    {
        var item = Parse("""
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:x="urn:example:x" xml:base="https://example.org/a/">
              <entry>
                <title x:type="html" type=" text ">&lt;b&gt;kept&lt;/b&gt;</title>
                <summary type="html" mode="BASE64">PGI+Ym9sZDwvYj4gdGV4dA==</summary>
                <link rel="enclosure" href="https://example.org/audio.mp3"/>
                <link x:href="https://evil.example/" href="one" x:base="https://evil.example/" xml:base="b/" rel=" alternate "/>
              </entry>
            </feed>
            """).Items.Single();

        Assert.Equal("<b>kept</b>", item.Title);
        Assert.Equal("bold text", item.Summary);
        Assert.Equal("https://example.org/a/b/one", item.Link);
    }

    [Theory]
    [InlineData("Tom & Jerry", "Tom & Jerry")]
    [InlineData("AT&T; &amp; co", "AT&T; & co")]
    [InlineData("&lt;b&gt;bold&lt;/b&gt; &quot;q&quot;", "<b>bold</b> \"q\"")]
    [InlineData("a &amp;lt; b", "a &lt; b")]
    [InlineData("&am<b>p;", "&")]
    [InlineData("x &nbsp;&nbsp; y&#33;", "x y!")]
    [InlineData("<P>one</P><TD>two</TD><Figcaption>three</Figcaption><span>fo</span>ur", "one two three four")]
    [InlineData("a\u00A0\u2028b \u0001c\uFEFF  d ", "a b c d")]
    [InlineData("<script>x</SCRIPT >y<style type=\"t\">p{}</style>z", "yz")]
    [InlineData("a <!-- <p> --> b < c <", "a b < c <")]
    [InlineData("<p>Already folded, but for its paragraph.</p>", "Already folded, but for its paragraph.")]
    [InlineData("<p> spaced  out\t</p>", "spaced out")]
    [InlineData("<div><br/></div>", "")]
    [InlineData("<h3>a</h3><h7>b</h7>x<HR><pre>c</pre><table>d</table><header>e</header><section>f</section><blockquote>g</blockquote><dl>h</dl>", "a bx c d e f g h")]
    [InlineData("<BR>a<li>b<Ul>c<ol>d<tr>e<td>f<TH>g<hr>h<h1>i<h6>j<dd>k<dt>l<dl>m<bo>n<tx>o<h0>p<ARTICLE>q<FigCaption>r<figures>s", "a b c d e f g h i j k l mnop q rs")]
    public void Text_reduction_decodes_strips_and_folds(string html, string expected)
        => Assert.Equal(expected, PlainText.FromHtml(html));

    [Fact]
    public void Text_longer_than_the_stack_buffer_is_reduced_whole()
    {
        var words = string.Join(' ', Enumerable.Repeat("tariff", 100));
        Assert.Equal(words + " " + words, PlainText.FromHtml($"<p>{words}</p><p>{words.Replace(" ", "  ", StringComparison.Ordinal)}</p>"));
    }
}
