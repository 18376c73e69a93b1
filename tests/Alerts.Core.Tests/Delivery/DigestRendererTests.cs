using Alerts.Core.Classification;
using Alerts.Core.Delivery;

namespace Alerts.Core.Tests.Delivery;

public class DigestRendererTests
{
    private static readonly Uri BaseUrl = new("https://alerts.example.org/");

    private static ItemEntity Item(string title, string summary = "A summary.", string? link = "https://example.org/story", string topics = "tariffs", string severity = Severity.Medium)
        => new()
        {
            Title = title,
            Summary = summary,
            Link = link,
            Topics = topics,
            Severity = severity,
            Source = "Trade Wire",
            Published = new DateTimeOffset(2025, 10, 10, 21, 5, 0, TimeSpan.Zero),
            DiscoveredAt = new DateTimeOffset(2025, 10, 10, 21, 10, 0, TimeSpan.Zero),
        };

    [Fact]
    public void Script_in_title_and_summary_is_escaped_in_html()
    {
        var items = new[]
        {
            Item("<script>alert(1)</script> Tariffs rise", summary: "\"><img src=x onerror=alert(document.cookie)>"),
            Item("Second \"><svg onload=alert(2)>", summary: "<b>bold</b> & 'quoted'", link: "https://example.org/b"),
        };

        var (subject, html, text) = DigestRenderer.Render(items, BaseUrl);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Tariffs rise", html, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;img src=x onerror=alert(document.cookie)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt; &amp; &#39;quoted&#39;", html, StringComparison.Ordinal);

        // The plain-text part and the subject carry the text as it is.
        Assert.Contains("* <script>alert(1)</script> Tariffs rise", text, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script> Tariffs rise", subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_values_add_no_markup()
    {
        var benign = DigestRenderer.Render([Item("Plain title", summary: "Plain summary")], BaseUrl).Html;
        var hostile = DigestRenderer.Render([Item("<script>alert(1)</script>", summary: "\"><img src=x onerror=alert(1)><a href='javascript:x'>")], BaseUrl).Html;

        Assert.Equal(benign.Count(c => c == '<'), hostile.Count(c => c == '<'));
        Assert.Equal(benign.Count(c => c == '"'), hostile.Count(c => c == '"'));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(document.domain)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("/relative/path")]
    [InlineData("")]
    public void Non_http_links_are_not_rendered(string link)
    {
        var (_, html, text) = DigestRenderer.Render([Item("Tariffs rise", link: link)], BaseUrl);

        Assert.DoesNotContain("href=", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Tariffs rise</strong>", html, StringComparison.Ordinal);
        if (link.Length > 0)
        {
            Assert.DoesNotContain(link, html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(link, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Missing_link_renders_the_title_without_a_link()
    {
        var (_, html, _) = DigestRenderer.Render([Item("Tariffs rise", link: null)], BaseUrl);

        Assert.DoesNotContain("href=", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Tariffs rise</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Http_link_is_rendered_with_an_escaped_href()
    {
        var (_, html, text) = DigestRenderer.Render([Item("Tariffs rise", link: "https://example.org/a?x=1&y=2")], BaseUrl);

        Assert.Contains("<a href=\"https://example.org/a?x=1&amp;y=2\"", html, StringComparison.Ordinal);
        Assert.Contains("  https://example.org/a?x=1&y=2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_with_a_quote_cannot_break_out_of_the_href()
    {
        var (_, html, _) = DigestRenderer.Render([Item("Tariffs rise", link: "https://example.org/a?q=\"onmouseover=\"alert(1)")], BaseUrl);

        Assert.DoesNotContain("\"onmouseover", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" onmouseover=\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_has_the_count_and_the_top_title()
    {
        var items = new[] { Item("US threatens 100% tariff"), Item("Second story"), Item("Third story") };

        var (subject, html, text) = DigestRenderer.Render(items, BaseUrl);

        Assert.Equal("3 new trade-policy alerts: US threatens 100% tariff", subject);
        Assert.Contains("<h1 style=\"font-size:20px;margin:0 0 12px\">3 new trade-policy alerts: US threatens 100% tariff</h1>", html, StringComparison.Ordinal);
        Assert.StartsWith(subject + Environment.NewLine, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_for_one_item_is_singular()
    {
        var (subject, _, _) = DigestRenderer.Render([Item("Only story")], BaseUrl);

        Assert.Equal("1 new trade-policy alert: Only story", subject);
    }

    [Fact]
    public void Long_top_title_is_shortened_with_an_ellipsis()
    {
        var title = string.Concat(Enumerable.Repeat("Tariffs and duties ", 12)).Trim();
        Assert.True(title.Length > 100);

        var (subject, _, text) = DigestRenderer.Render([Item(title), Item("Other")], BaseUrl);

        const string prefix = "2 new trade-policy alerts: ";
        Assert.StartsWith(prefix, subject, StringComparison.Ordinal);
        Assert.EndsWith("…", subject, StringComparison.Ordinal);
        var shortened = subject[prefix.Length..];
        Assert.True(shortened.Length <= 80, $"{shortened.Length} characters");
        Assert.StartsWith(shortened[..^1], title, StringComparison.Ordinal);

        // The full title is still in the body.
        Assert.Contains("* " + title, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Shortening_does_not_split_a_surrogate_pair()
    {
        var title = new string('a', 78) + "\U0001F600" + new string('b', 30);

        var (subject, _, _) = DigestRenderer.Render([Item(title), Item("Other")], BaseUrl);

        // A lone surrogate enumerates as U+FFFD; a whole emoji (kept or dropped) does not.
        Assert.DoesNotContain(System.Text.Rune.ReplacementChar, subject.EnumerateRunes());
        Assert.EndsWith("…", subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Title_at_the_limit_is_not_shortened()
    {
        var title = new string('t', 90);

        var (subject, _, _) = DigestRenderer.Render([Item(title)], BaseUrl);

        Assert.Equal("1 new trade-policy alert: " + title, subject);
    }

    [Fact]
    public void Items_are_grouped_under_their_first_topic()
    {
        var items = new[]
        {
            Item("Tariff story", topics: "tariffs,trade-talks"),
            Item("Talks story", topics: "trade-talks"),
            Item("Unlabelled story", topics: ""),
        };

        var (_, html, text) = DigestRenderer.Render(items, BaseUrl);

        Assert.Contains(">tariffs</h2>", html, StringComparison.Ordinal);
        Assert.Contains(">trade-talks</h2>", html, StringComparison.Ordinal);
        Assert.Contains(">other</h2>", html, StringComparison.Ordinal);
        Assert.True(text.IndexOf("== tariffs ==", StringComparison.Ordinal) < text.IndexOf("* Tariff story", StringComparison.Ordinal));
        Assert.True(text.IndexOf("== trade-talks ==", StringComparison.Ordinal) < text.IndexOf("* Talks story", StringComparison.Ordinal));
        Assert.True(text.IndexOf("== other ==", StringComparison.Ordinal) < text.IndexOf("* Unlabelled story", StringComparison.Ordinal));
    }

    [Fact]
    public void Body_shows_source_time_in_utc_severity_and_footer()
    {
        var (_, html, text) = DigestRenderer.Render([Item("Story", severity: Severity.High)], BaseUrl);

        Assert.Contains("Trade Wire · 2025-10-10 21:05 UTC · severity high", text, StringComparison.Ordinal);
        Assert.Contains("Trade Wire · 2025-10-10 21:05 UTC · severity high", html, StringComparison.Ordinal);
        Assert.Contains("Sent by Alerts (https://alerts.example.org/).", text, StringComparison.Ordinal);
        Assert.Contains("Sent by Alerts (https://alerts.example.org/).", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Discovery_time_is_used_when_there_is_no_published_time()
    {
        var item = Item("Story");
        item.Published = null;

        var (_, _, text) = DigestRenderer.Render([item], BaseUrl);

        Assert.Contains("2025-10-10 21:10 UTC", text, StringComparison.Ordinal);
    }
}
