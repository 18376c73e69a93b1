using Alerts.Core.Feeds;

namespace Alerts.Core.Tests.Feeds;

public class ItemIdentityTests
{
    private static readonly string[] SameStory =
    [
        "http://example.org/trade/2025/10/25/story",
        "https://example.org/trade/2025/10/25/story",
        "https://www.example.org/trade/2025/10/25/story/",
        "https://example.org/trade/2025/10/25/story?utm_source=rss&utm_medium=feed",
        "https://example.org/trade/2025/10/25/story?fbclid=xyz#top",
    ];

    private static FeedItem Item(string? link = null, string? id = null, string title = "A title")
        => new(id, title, link, null, "");

    [Theory]
    [InlineData("https://www.example.org/news/story", "example.org/news/story")]
    [InlineData("http://example.org/news/story", "example.org/news/story")]
    [InlineData("https://WWW.Example.ORG/news/story", "example.org/news/story")]
    [InlineData("https://example.org/news/story/", "example.org/news/story")]
    [InlineData("https://example.org/news/story#comments", "example.org/news/story")]
    [InlineData("https://example.org/", "example.org")]
    [InlineData("https://example.org:8443/news", "example.org:8443/news")]
    [InlineData("  https://example.org/news  ", "example.org/news")]
    public void CanonicalLink_strips_scheme_www_trailing_slash_and_fragment(string link, string expected)
        => Assert.Equal(expected, ItemIdentity.CanonicalLink(link));

    [Fact]
    public void CanonicalLink_removes_tracking_parameters()
    {
        var canonical = ItemIdentity.CanonicalLink(
            "https://example.org/story?utm_source=rss&utm_medium=feed&fbclid=abc&gclid=def&UTM_Campaign=x");

        Assert.Equal("example.org/story", canonical);
    }

    [Fact]
    public void CanonicalLink_keeps_other_parameters_sorted()
    {
        var canonical = ItemIdentity.CanonicalLink("https://example.org/story?z=3&utm_source=rss&a=1&m=two%20words");

        Assert.Equal("example.org/story?a=1&m=two%20words&z=3", canonical);
    }

    [Fact]
    public void CanonicalLink_parameter_order_does_not_matter()
        => Assert.Equal(
            ItemIdentity.CanonicalLink("https://example.org/story?b=2&a=1"),
            ItemIdentity.CanonicalLink("https://example.org/story?a=1&b=2"));

    [Fact]
    public void CanonicalLink_keeps_path_and_parameter_differences()
    {
        Assert.NotEqual(ItemIdentity.CanonicalLink("https://example.org/a"), ItemIdentity.CanonicalLink("https://example.org/b"));
        Assert.NotEqual(ItemIdentity.CanonicalLink("https://example.org/a?id=1"), ItemIdentity.CanonicalLink("https://example.org/a?id=2"));
        Assert.NotEqual(ItemIdentity.CanonicalLink("https://example.org/a"), ItemIdentity.CanonicalLink("https://example.com/a"));
    }

    [Theory]
    [InlineData("ftp://example.org/file")]
    [InlineData("mailto:someone@example.org")]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/news/story")]
    [InlineData("news/story")]
    [InlineData("")]
    [InlineData("not a link")]
    public void CanonicalLink_is_null_for_non_http_or_relative_links(string link)
        => Assert.Null(ItemIdentity.CanonicalLink(link));

    [Fact]
    public void Key_is_the_same_for_http_https_www_and_tracking_variants()
    {
        var keys = SameStory.Select(link => ItemIdentity.Key(Item(link), "feed-a")).Distinct().ToList();

        Assert.Single(keys);
        Assert.Matches("^[0-9a-f]{64}$", keys[0]);
    }

    [Fact]
    public void Key_with_a_link_ignores_the_feed_and_the_guid()
    {
        // The same story seen in two feeds, with different GUIDs, is one item.
        var a = ItemIdentity.Key(Item("https://example.org/story", id: "guid-1"), "feed-a");
        var b = ItemIdentity.Key(Item("http://www.example.org/story", id: "guid-2"), "feed-b");

        Assert.Equal(a, b);
    }

    [Fact]
    public void Key_differs_for_different_links()
        => Assert.NotEqual(
            ItemIdentity.Key(Item("https://example.org/story-1"), "feed"),
            ItemIdentity.Key(Item("https://example.org/story-2"), "feed"));

    [Fact]
    public void CanonicalIdentity_uses_the_link_when_there_is_one()
        => Assert.Equal("link:example.org/story", ItemIdentity.CanonicalIdentity(Item("https://example.org/story", id: "guid-1"), "feed"));

    [Fact]
    public void CanonicalIdentity_uses_the_guid_only_without_a_usable_link()
    {
        Assert.Equal("id:feed:guid-1", ItemIdentity.CanonicalIdentity(Item(link: null, id: "guid-1"), "feed"));
        Assert.Equal("id:feed:guid-1", ItemIdentity.CanonicalIdentity(Item(link: "/relative/story", id: "guid-1"), "feed"));
    }

    [Fact]
    public void Key_from_guid_is_per_feed()
        => Assert.NotEqual(
            ItemIdentity.Key(Item(id: "guid-1"), "feed-a"),
            ItemIdentity.Key(Item(id: "guid-1"), "feed-b"));

    [Fact]
    public void Key_falls_back_to_the_title_case_insensitively_within_a_feed()
    {
        var a = ItemIdentity.Key(Item(title: "US Raises Tariffs"), "feed-a");
        var b = ItemIdentity.Key(Item(title: "  us raises tariffs "), "feed-a");
        var id = ItemIdentity.CanonicalIdentity(Item(id: "   ", title: "US Raises Tariffs"), "feed-a");

        Assert.Equal(a, b);
        Assert.Equal("title:feed-a:us raises tariffs", id);
    }

    [Fact]
    public void Key_from_title_differs_across_feeds_and_titles()
    {
        var a = ItemIdentity.Key(Item(title: "US raises tariffs"), "feed-a");

        Assert.NotEqual(a, ItemIdentity.Key(Item(title: "US raises tariffs"), "feed-b"));
        Assert.NotEqual(a, ItemIdentity.Key(Item(title: "US lowers tariffs"), "feed-a"));
    }

    [Fact]
    public void CanonicalLink_keeps_parameters_that_merely_start_with_ref()
        => Assert.NotEqual(
            ItemIdentity.CanonicalLink("https://example.gov/notice?reference=2025-001"),
            ItemIdentity.CanonicalLink("https://example.gov/notice?reference=2025-002"));

    [Fact]
    public void CanonicalLink_keeps_query_values_without_a_name()
        => Assert.NotEqual(
            ItemIdentity.CanonicalLink("https://example.org/article.php?12345"),
            ItemIdentity.CanonicalLink("https://example.org/article.php?67890"));
}
