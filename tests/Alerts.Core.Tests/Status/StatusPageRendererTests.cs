using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Alerts.Core.Status;

namespace Alerts.Core.Tests.Status;

public class StatusPageRendererTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 30, 0, TimeSpan.Zero);
    private static readonly string[] Topics = ["trade-talks", "tariffs", "rare-earth-export-controls", "unmatched"];

    private static StatusReport Report(string status = OverallStatus.Degraded, string feedUrl = "https://example.org/feed.xml", string? lastError = "HTTP 500")
    {
        var hours = Enumerable.Range(0, 48)
            .Select(i => new HourlyItems(
                new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero).AddHours(i),
                Topics.ToDictionary(t => t, t => t == "tariffs" && i == 40 ? 7L : t == "unmatched" ? i % 3 : 0L)))
            .ToList();
        var worst = new FeedHealth(feedUrl, Now, Now.AddHours(-2), 3, lastError, 0);
        return new StatusReport(
            status, "0.1.0", Now, ["1 of 2 feeds failing"], new FeedsStatus(2, 1, 1, 0, [worst], [worst]),
            new Dictionary<string, QueueStatus> { ["news-items"] = new(4, 1) },
            new Dictionary<string, RunStatus> { ["PollFeeds"] = new(Now, Now, "succeeded", 12) },
            Topics.ToDictionary(t => t, t => hours.TakeLast(24).Sum(h => h.Topics[t])),
            new SubscribersStatus(new EmailSubscribersStatus(5, 2), new WebhookSubscribersStatus(3, 1, 1)),
            new DeliveriesStatus(9, 1, 20, 2),
            hours);
    }

    [Fact]
    public void Every_number_of_the_report_is_on_the_page_with_its_json_path()
    {
        var html = StatusPageRenderer.Render(Report());

        Assert.Contains("data-field=\"status\">degraded<", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"feeds.failing\">1<", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"queues.news-items.poison\">1<", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"runs.PollFeeds.itemsNew\">12<", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"items24h.tariffs\">7<", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"subscribers.webhook.disabled\">1<", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"deliveries24h.webhookSent\">20<", html, StringComparison.Ordinal);
        Assert.Contains("<li>1 of 2 feeds failing</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_refreshes_itself_and_loads_nothing_from_elsewhere()
    {
        var html = StatusPageRenderer.Render(Report());

        Assert.Contains($"<meta http-equiv=\"refresh\" content=\"{StatusPageRenderer.RefreshSeconds}\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_policy_allows_exactly_the_inline_style_the_page_carries()
    {
        var html = StatusPageRenderer.Render(Report());
        var style = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)));

        Assert.Contains($"style-src 'sha256-{hash}'", StatusPageRenderer.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none';", StatusPageRenderer.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", StatusPageRenderer.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_in_feed_urls_and_errors_is_neutralised()
    {
        var html = StatusPageRenderer.Render(Report(
            feedUrl: "https://example.org/\"><script>alert(1)</script>",
            lastError: "<img src=x onerror=alert(2)> & <b>bold</b>"));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_chart_has_one_line_per_topic_over_every_hour_and_a_text_alternative()
    {
        var report = Report();
        var html = StatusPageRenderer.Render(report);

        var lines = Regex.Matches(html, "<polyline class=\"series\" data-topic=\"([^\"]+)\" points=\"([^\"]+)\"");
        Assert.Equal(Topics, lines.Select(m => m.Groups[1].Value));
        Assert.All(lines, m => Assert.Equal(48, m.Groups[2].Value.Split(' ').Length));
        Assert.Contains("role=\"img\" aria-labelledby=\"chart-title chart-desc\"", html, StringComparison.Ordinal);
        Assert.Contains("tariffs: 7 in all, most (7) in the hour from 2026-11-29 01:00 UTC", html, StringComparison.Ordinal);
        Assert.Contains("trade-talks: none", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_beside_the_chart_holds_every_hour_newest_first()
    {
        var html = StatusPageRenderer.Render(Report());

        var rows = Regex.Matches(html, "<tr><th scope=\"row\"><time datetime=\"([^\"]+)\">[^<]+</time></th>((?:<td class=\"n\">\\d+</td>)+)</tr>");
        Assert.Equal(48, rows.Count);
        Assert.Equal("2026-11-29T08:00:00Z", rows[0].Groups[1].Value);
        Assert.Equal("2026-11-27T09:00:00Z", rows[^1].Groups[1].Value);
        Assert.Equal(Topics.Length, Regex.Count(rows[0].Groups[2].Value, "<td"));
    }

    [Fact]
    public void The_scale_rounds_up_to_one_two_or_five_times_a_power_of_ten()
    {
        Assert.Equal(1, ItemsChart.NiceCeiling(1));
        Assert.Equal(2, ItemsChart.NiceCeiling(2));
        Assert.Equal(5, ItemsChart.NiceCeiling(3));
        Assert.Equal(10, ItemsChart.NiceCeiling(6));
        Assert.Equal(20, ItemsChart.NiceCeiling(11));
        Assert.Equal(500, ItemsChart.NiceCeiling(201));
    }

    [Fact]
    public void A_down_report_renders_with_its_reason()
    {
        var down = Report(OverallStatus.Down) with { Reasons = ["storage did not answer within 5 s"] };

        var html = StatusPageRenderer.Render(down);

        Assert.Contains("class=\"overall down\"", html, StringComparison.Ordinal);
        Assert.Contains("<li>storage did not answer within 5 s</li>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Alerts status: down</title>", html, StringComparison.Ordinal);
    }
}
