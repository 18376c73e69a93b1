using Alerts.Core.Feeds;

namespace Alerts.Core.Tests.Feeds;

/// <summary>The messes real feeds ship, each in a committed fixture, and what the parser makes of them.</summary>
public class RealWorldFeedTests
{
    private static readonly DateTimeOffset Nov3 = new(2025, 11, 3, 15, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Html_entities_xml_does_not_declare_and_bare_ampersands_are_read()
    {
        var feed = FeedFixtures.Parse("undeclared-html-entities.xml");
        var item = Assert.Single(feed.Items);

        Assert.Equal("Café Trade Desk", feed.Title);
        Assert.Equal("AT&T and Procter & Gamble warn on tariffs — again…", item.Title);
        Assert.Equal("https://example.org/a?x=1&y=2", item.Link);
        Assert.Equal("Duties rise 25% on ‘critical’ minerals © 2025 &bogus; entity", item.Summary);
    }

    [Theory]
    [InlineData("mislabelled-windows-1252.xml")]
    [InlineData("iso-8859-1-declared.xml")]
    public void Windows_1252_bytes_are_read_as_windows_1252_whatever_the_label(string file)
        => Assert.Equal("“Tariff” talks in Orléans cost €5bn", Assert.Single(FeedFixtures.Parse(file).Items).Title);

    [Fact]
    public void Utf16_with_a_byte_order_mark_is_read()
    {
        var feed = FeedFixtures.Parse("utf16-bom.xml");

        Assert.Equal(FeedFormats.Atom10, feed.Format);
        Assert.Equal("关税 UTF-16", feed.Title);
        Assert.Equal("稀土出口管制", Assert.Single(feed.Items).Title);
    }

    [Theory]
    [InlineData("no-declaration-latin1.xml", "text/xml; charset=ISO-8859-1", "Zürich - item")]
    [InlineData("no-declaration-latin1.xml", null, "Zürich - item")]
    [InlineData("no-declaration-utf8.xml", "application/rss+xml; charset=utf-8", "Zürich – item")]
    [InlineData("no-declaration-utf8.xml", "text/xml; charset=iso-8859-1", "Zürich – item")]
    public void Http_charset_is_honoured_unless_it_is_a_latin1_default_on_utf8(string file, string? contentType, string title)
        => Assert.Equal(title, Assert.Single(FeedFixtures.Parse(file, contentType).Items).Title);

    [Fact]
    public void Cdata_sections_are_text_and_their_html_is_reduced()
    {
        var feed = FeedFixtures.Parse("cdata.xml");
        var item = Assert.Single(feed.Items);

        Assert.Equal("Trade Wire & Co", feed.Title);
        Assert.Equal("Rare earths: \"quotas\" & licences", item.Title);
        Assert.Equal("Beijing adds five elements.", item.Summary);
        Assert.Equal("First paragraph. Text with ]]> inside & an entity.", item.Content);
    }

    [Fact]
    public void Atom_links_resolve_against_xml_base_and_script_links_are_dropped()
    {
        var feed = FeedFixtures.Parse("xml-base.atom");

        Assert.Equal("https://example.org/trade/", feed.Link);
        Assert.Equal(
            ["https://example.org/trade/2025/11/tariffs.html", "https://example.org/policy/quotas?id=7", null],
            feed.Items.Select(i => i.Link));
    }

    [Fact]
    public void Relative_rss_links_resolve_against_the_feed_url()
    {
        var feed = FeedFixtures.Parse("relative-links.xml", baseUri: new Uri("https://news.example.org/feeds/rss.xml"));

        Assert.Equal("https://news.example.org/", feed.Link);
        Assert.Equal(["https://news.example.org/news/2025/one.html", "https://news.example.org/feeds/two.html#top"], feed.Items.Select(i => i.Link));
    }

    [Fact]
    public void Relative_links_stay_relative_when_the_feed_url_is_unknown()
        => Assert.Equal("/news/2025/one.html", FeedFixtures.Parse("relative-links.xml").Items[0].Link);

    [Fact]
    public void Dates_in_every_common_variant_are_read_as_utc_and_missing_or_unreadable_ones_are_null()
    {
        var items = FeedFixtures.Parse("date-variants.xml").Items;

        Assert.All(items.Take(items.Count - 2), i => Assert.Equal((i.Title, Nov3), (i.Title, i.Published)));
        Assert.All(items.Take(items.Count - 2), i => Assert.Equal(TimeSpan.Zero, i.Published!.Value.Offset));
        Assert.Null(items[^2].Published);
        Assert.Null(items[^1].Published);
    }

    [Fact]
    public void Undeclared_namespace_prefixes_are_tolerated()
    {
        var item = Assert.Single(FeedFixtures.Parse("undeclared-prefixes.xml").Items);

        Assert.Equal(["Jane Roe"], item.Authors);
        Assert.Equal("Full text", item.Content);
        Assert.Equal(["Trade"], item.Categories);
    }

    [Fact]
    public void Netscape_rss_091_with_its_public_doctype_is_read()
    {
        var feed = FeedFixtures.Parse("netscape-rss091.xml");

        Assert.Equal(FeedFormats.Rss09x, feed.Format);
        Assert.Equal("Old but readable", Assert.Single(feed.Items).Title);
    }

    [Fact]
    public void Markup_in_text_fields_is_reduced_to_plain_text_and_script_links_are_dropped()
    {
        var feed = FeedFixtures.Parse("html-in-fields.xml");
        var item = Assert.Single(feed.Items);

        Assert.Equal("Bold channel", feed.Title);
        Assert.Equal("Tariffs rise", item.Title);
        Assert.Null(item.Link);
        Assert.Equal("Raw markup in description", item.Summary);
        Assert.Equal(["Trade Desk"], item.Authors);
        Assert.Equal(["Tariffs"], item.Categories);
    }

    [Fact]
    public void Json_feed_items_carry_every_field_of_the_model()
    {
        var feed = FeedFixtures.Parse("json-feed-1.1.json");
        var first = feed.Items[0];

        Assert.Equal((FeedFormats.Json11, "Trade JSON", "https://example.org/"), (feed.Format, feed.Title, feed.Link));
        Assert.Equal(("42", "Section 232 & steel", "https://example.org/json/42"), (first.Id, first.Title, first.Link));
        Assert.Equal(("Steel duties", "Duties on steel."), (first.Summary, first.Content));
        Assert.Equal(new DateTimeOffset(2025, 11, 3, 20, 4, 5, TimeSpan.Zero), first.Published);
        Assert.Equal(new DateTimeOffset(2025, 11, 4, 0, 0, 0, TimeSpan.Zero), first.Updated);
        Assert.Equal(["Jane Roe", "https://example.org/desk"], first.Authors);
        Assert.Equal(["tariffs", "steel"], first.Categories);
        Assert.Equal("Plain <text> stays text.", feed.Items[1].Content);
        Assert.Null(feed.Items[1].Published);
    }
}
