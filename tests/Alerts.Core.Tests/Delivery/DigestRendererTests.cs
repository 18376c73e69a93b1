using Alerts.Core.Classification;
using Alerts.Core.Delivery;
using static Alerts.Core.Tests.Delivery.Alerts;

namespace Alerts.Core.Tests.Delivery;

public class DigestRendererTests
{
    private static readonly Uri BaseUrl = new("https://alerts.example.org/");
    private static readonly HashSet<string> AllTopics = [];
    private static readonly string[] GroupedLines = ["== Tariffs (2) ==", "* Tariff story", "* Second tariff story", "== Trade talks (1) ==", "* Talks story"];

    private static DigestContent Render(params AlertDocument[] alerts) => DigestRenderer.Render(alerts, AllTopics, BaseUrl);

    [Fact]
    public void Script_in_title_and_summary_is_escaped_in_html()
    {
        var (subject, html, text) = Render(
            Alert("<script>alert(1)</script> Tariffs rise", summary: "\"><img src=x onerror=alert(document.cookie)>"),
            Alert("Second \"><svg onload=alert(2)>", summary: "<b>bold</b> & 'quoted'", link: "https://example.org/b"));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Tariffs rise", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt; &amp; &#x27;quoted&#x27;", html, StringComparison.Ordinal);

        // The plain-text part and the subject carry the text as it is.
        Assert.Contains("* <script>alert(1)</script> Tariffs rise", text, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script> Tariffs rise", subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_values_add_no_markup()
    {
        var benign = Render(Alert("Plain title", summary: "Plain summary", evidence: ["tariff"], countries: ["China"], figures: [new Figure("tariff-rate", "100%")])).Html;
        var hostile = Render(Alert(
            "<script>alert(1)</script>",
            summary: "\"><img src=x onerror=alert(1)><a href='javascript:x'>",
            evidence: ["<i>x</i>"],
            countries: ["<b>C</b>"],
            figures: [new Figure("<u>k</u>", "\"><p>")])).Html;

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
    [InlineData(null)]
    public void Non_http_links_are_not_rendered(string? link)
    {
        var (_, html, text) = Render(Alert("Tariffs rise", link: link));

        Assert.DoesNotContain("example.org/story", html, StringComparison.Ordinal);
        Assert.Contains("<strong style=\"font-size:16px;\">Tariffs rise</strong>", html, StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(link))
        {
            Assert.DoesNotContain(link, html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(link, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Http_link_is_rendered_with_an_escaped_href()
    {
        var (_, html, text) = Render(Alert("Tariffs rise", link: "https://example.org/a?x=1&y=2"));

        Assert.Contains("<a href=\"https://example.org/a?x=1&amp;y=2\"", html, StringComparison.Ordinal);
        Assert.Contains("  https://example.org/a?x=1&y=2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_with_a_quote_cannot_break_out_of_the_href()
    {
        var (_, html, _) = Render(Alert("Tariffs rise", link: "https://example.org/a?q=\"onmouseover=\"alert(1)"));

        Assert.DoesNotContain("\"onmouseover", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" onmouseover=\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_has_the_count_and_the_top_title()
    {
        var (subject, html, text) = Render(Alert("US threatens 100% tariff"), Alert("Second story"), Alert("Third story"));

        Assert.Equal("3 new trade-policy alerts: US threatens 100% tariff", subject);
        Assert.Contains("<title>3 new trade-policy alerts: US threatens 100% tariff</title>", html, StringComparison.Ordinal);
        Assert.StartsWith(subject + "\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_for_one_item_is_singular()
        => Assert.Equal("1 new trade-policy alert: Only story", Render(Alert("Only story")).Subject);

    [Fact]
    public void Line_breaks_in_a_title_do_not_reach_the_subject_header()
    {
        var subject = Render(Alert("Tariffs\r\nBcc: victim@example.org")).Subject;

        Assert.Equal("1 new trade-policy alert: Tariffs Bcc: victim@example.org", subject);
        Assert.DoesNotContain('\n', subject);
        Assert.DoesNotContain('\r', subject);
    }

    [Fact]
    public void Long_top_title_is_shortened_with_an_ellipsis()
    {
        var title = string.Concat(Enumerable.Repeat("Tariffs and duties ", 12)).Trim();

        var (subject, _, text) = Render(Alert(title), Alert("Other"));

        const string prefix = "2 new trade-policy alerts: ";
        Assert.StartsWith(prefix, subject, StringComparison.Ordinal);
        Assert.EndsWith("…", subject, StringComparison.Ordinal);
        var shortened = subject[prefix.Length..];
        Assert.True(shortened.Length <= 80, $"{shortened.Length} characters");
        Assert.StartsWith(shortened[..^1], title, StringComparison.Ordinal);
        Assert.Contains("* " + title, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Shortening_does_not_split_a_surrogate_pair()
    {
        var title = new string('a', 78) + "\U0001F600" + new string('b', 30);

        var subject = Render(Alert(title), Alert("Other")).Subject;

        Assert.DoesNotContain(System.Text.Rune.ReplacementChar, subject.EnumerateRunes());
        Assert.EndsWith("…", subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Alerts_are_grouped_under_their_strongest_topic_in_rank_order()
    {
        var ranked = DigestItems.Rank([
            Alert("Talks story", topics: "trade-talks", severity: Severity.Low),
            Alert("Tariff story", topics: "tariffs,trade-talks", severity: Severity.High),
            Alert("Second tariff story", topics: "tariffs", severity: Severity.Medium),
        ]);

        var (_, html, text) = DigestRenderer.Render(ranked, AllTopics, BaseUrl);

        Assert.Contains(">Tariffs (2)</h2>", html, StringComparison.Ordinal);
        Assert.Contains(">Trade talks (1)</h2>", html, StringComparison.Ordinal);
        var order = GroupedLines.Select(s => text.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public void A_subscriber_of_one_topic_sees_alerts_under_that_topic()
    {
        var (_, _, text) = DigestRenderer.Render([Alert("Both", topics: "tariffs,trade-talks")], new HashSet<string> { "trade-talks" }, BaseUrl);

        Assert.Contains("== Trade talks (1) ==", text, StringComparison.Ordinal);
        Assert.DoesNotContain("== Tariffs", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_alert_shows_source_time_severity_evidence_figures_and_countries()
    {
        var (_, html, text) = Render(Alert(
            "Story",
            severity: Severity.High,
            evidence: ["100% tariff", "export controls"],
            countries: ["China", "United States"],
            figures: [new Figure("tariff-rate", "100%"), new Figure("deadline", "November 1")]));

        Assert.Contains("Trade Wire · 2025-10-10 21:05 UTC · high severity", text, StringComparison.Ordinal);
        Assert.Contains("Trade Wire &middot; 2025-10-10 21:05 UTC &middot; <span style=\"font-weight:bold;\">high</span> severity", html, StringComparison.Ordinal);
        Assert.Contains("Matched: 100% tariff, export controls", text, StringComparison.Ordinal);
        Assert.Contains("Figures: 100% (tariff rate); November 1 (deadline)", text, StringComparison.Ordinal);
        Assert.Contains("Countries: China, United States", text, StringComparison.Ordinal);
        Assert.Contains("&ldquo;100% tariff&rdquo;, &ldquo;export controls&rdquo;", html, StringComparison.Ordinal);
        Assert.Contains("border-left:3px solid #c62828", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Discovery_time_is_used_when_there_is_no_published_time()
    {
        var alert = Alert("Story") with { Published = null };

        Assert.Contains("2025-10-10 21:10 UTC", Render(alert).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Footer_carries_manage_and_unsubscribe_placeholders_for_each_recipient()
    {
        var (_, html, text) = Render(Alert("Story"));

        Assert.Contains($"<a href=\"{DigestRenderer.ManageUrl}\"", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{DigestRenderer.UnsubscribeUrl}\"", html, StringComparison.Ordinal);
        Assert.Contains("Manage your preferences: " + DigestRenderer.ManageUrl, text, StringComparison.Ordinal);
        Assert.Contains("Unsubscribe: " + DigestRenderer.UnsubscribeUrl, text, StringComparison.Ordinal);
        Assert.Contains("https://alerts.example.org/", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_is_mail_client_safe_tables_inline_styles_and_no_background_colours()
    {
        var html = Render(Alert("Story")).Html;

        Assert.Contains("<meta name=\"color-scheme\" content=\"light dark\">", html, StringComparison.Ordinal);
        Assert.Contains("role=\"presentation\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("background", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }
}
