using System.Net;
using Alerts.Core.Feeds;

namespace Alerts.Core.Tests.Feeds;

public class FeedUrlTests
{
    [Theory]
    [InlineData("https://example.org/feed.xml")]
    [InlineData(" http://example.org:8080/rss?x=1 ")]
    public void Absolute_http_urls_are_accepted(string url)
        => Assert.True(FeedUrl.TryParse(url, out _, out _));

    [Theory]
    [InlineData(null, "required")]
    [InlineData("  ", "required")]
    [InlineData("/relative/feed.xml", "absolute http or https")]
    [InlineData("file:///etc/passwd", "absolute http or https")]
    [InlineData("gopher://example.org/", "absolute http or https")]
    [InlineData("javascript:alert(1)", "absolute http or https")]
    [InlineData("https://user:pw@example.org/feed", "user name or password")]
    public void Other_urls_are_refused_with_the_reason(string? url, string reason)
    {
        Assert.False(FeedUrl.TryParse(url, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Very_long_urls_are_refused()
        => Assert.False(FeedUrl.TryParse("https://example.org/" + new string('a', FeedUrl.MaxLength), out _, out _));

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("8.8.8.8", false)]
    [InlineData("2606:4700::1111", false)]
    public void Private_addresses_are_recognised(string address, bool isPrivate)
        => Assert.Equal(isPrivate, FeedAddressGuard.IsPrivate(IPAddress.Parse(address)));
}
