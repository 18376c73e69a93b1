using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;

namespace Alerts.Core.Status;

/// <summary>
/// The human status page: the same report as <c>GET /api/status</c>, as one self-contained HTML document that
/// refreshes itself without script. Every number carries <c>data-field</c> with its path in the JSON, so the
/// two can be compared. Everything from storage (feed URLs, errors) is HTML-encoded.
/// </summary>
public static class StatusPageRenderer
{
    public const int RefreshSeconds = 30;

    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:0 auto;max-width:1440px;padding:1rem 1.5rem;color:#1a1a1a;background:#fff}
        h1{margin:.2rem 0}h2{margin:1.6rem 0 .6rem;font-size:1.2rem}
        .overall{font-size:1.3rem;padding:.6rem 1rem;border-radius:.4rem;border:2px solid}
        .ok{background:#e6f4ea;border-color:#1e7b34}.degraded{background:#fff4e0;border-color:#a15c00}.down{background:#fde8e8;border-color:#b3261e}
        .meta{color:#444}
        .row{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}
        .chart{max-width:100%;height:auto}figure{margin:0}
        .legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1rem}
        .hourly{max-height:300px;overflow-y:auto}
        table{border-collapse:collapse}th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:left}
        td.n{text-align:right;font-variant-numeric:tabular-nums}
        caption{text-align:left;font-weight:600;padding:.3rem 0}
        """;

    /// <summary>Nothing but the page's own inline style may load or run; the page may not be framed.</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static string Render(StatusReport report)
    {
        var page = new Page();
        var topics = report.Items24h.Keys.ToList();
        page.Raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        page.Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        page.Raw($"<meta http-equiv=\"refresh\" content=\"{RefreshSeconds}\">");
        page.Raw("<title>").Text($"Alerts status: {report.Status}").Raw("</title>");
        page.Raw("<style>").Raw(Style).Raw("</style></head><body>");

        page.Raw("<header><h1>Alerts status</h1>");
        page.Raw($"<p class=\"overall {Css(report.Status)}\" role=\"status\">Alerts is <strong data-field=\"status\">").Text(report.Status).Raw("</strong></p>");
        page.Raw("<p class=\"meta\">Checked ").Time(report.CheckedAt).Raw(" · version ").Text(report.Version)
            .Raw($" · refreshes every {RefreshSeconds} s · <a href=\"../status\">as JSON</a></p>");
        if (report.Reasons.Count > 0)
        {
            page.Raw("<ul class=\"reasons\" aria-label=\"Why\">");
            foreach (var reason in report.Reasons)
            {
                page.Raw("<li>").Text(reason).Raw("</li>");
            }

            page.Raw("</ul>");
        }

        page.Raw("</header><main>");
        Chart(page, report, topics);
        Items(page, report, topics);
        Feeds(page, report.Feeds);
        Queues(page, report.Queues);
        Runs(page, report.Runs);
        Subscribers(page, report.Subscribers);
        Deliveries(page, report.Deliveries24h);
        page.Raw("</main></body></html>\n");
        return page.ToString();
    }

    private static void Chart(Page page, StatusReport report, List<string> topics)
    {
        page.Raw($"<section aria-labelledby=\"chart-h\"><h2 id=\"chart-h\">Items per hour, last {report.ItemsPerHour.Count} hours</h2><div class=\"row\"><figure>");
        page.Raw(ItemsChart.Render(report.ItemsPerHour, topics));
        page.Raw("<figcaption><ul class=\"legend\">");
        for (var s = 0; s < topics.Count; s++)
        {
            var dash = ItemsChart.Dash(s).Length == 0 ? "" : $" stroke-dasharray=\"{ItemsChart.Dash(s)}\"";
            page.Raw($"<li><svg width=\"28\" height=\"10\" aria-hidden=\"true\"><line x1=\"0\" y1=\"5\" x2=\"28\" y2=\"5\" stroke=\"{ItemsChart.Colour(s)}\" stroke-width=\"2\"{dash}/></svg> ")
                .Text(topics[s]).Raw("</li>");
        }

        page.Raw("</ul></figcaption></figure>");
        page.Raw("<div class=\"hourly\" tabindex=\"0\" role=\"region\" aria-label=\"Items per hour as a table\"><table><caption>Items per hour (UTC), newest first</caption><thead><tr><th scope=\"col\">Hour</th>");
        foreach (var topic in topics)
        {
            page.Raw("<th scope=\"col\">").Text(topic).Raw("</th>");
        }

        page.Raw("</tr></thead><tbody>");
        foreach (var hour in report.ItemsPerHour.Reverse())
        {
            page.Raw("<tr><th scope=\"row\">").Time(hour.Hour, "yyyy-MM-dd HH:00").Raw("</th>");
            foreach (var topic in topics)
            {
                page.Raw("<td class=\"n\">").Number(hour.Topics.GetValueOrDefault(topic)).Raw("</td>");
            }

            page.Raw("</tr>");
        }

        page.Raw("</tbody></table></div></div></section>");
    }

    private static void Items(Page page, StatusReport report, List<string> topics)
    {
        page.Raw("<section aria-labelledby=\"items-h\"><h2 id=\"items-h\">Items, last 24 hours</h2><table><thead><tr><th scope=\"col\">Topic</th><th scope=\"col\">Items</th></tr></thead><tbody>");
        foreach (var topic in topics)
        {
            page.Raw("<tr><th scope=\"row\">").Text(topic).Raw("</th><td class=\"n\"").Field($"items24h.{topic}").Raw(">").Number(report.Items24h[topic]).Raw("</td></tr>");
        }

        page.Raw("</tbody></table></section>");
    }

    private static void Feeds(Page page, FeedsStatus feeds)
    {
        page.Raw("<section aria-labelledby=\"feeds-h\"><h2 id=\"feeds-h\">Feeds</h2><table><tbody>");
        Count(page, "Total", "feeds.total", feeds.Total);
        Count(page, "Healthy", "feeds.healthy", feeds.Healthy);
        Count(page, "Failing", "feeds.failing", feeds.Failing);
        Count(page, "Paused", "feeds.paused", feeds.Paused);
        page.Raw("</tbody></table>");
        if (feeds.Worst.Count > 0)
        {
            page.Raw("<table class=\"worst\"><caption>Failing feeds, most failures first</caption><thead><tr><th scope=\"col\">Feed</th><th scope=\"col\">Failures in a row</th><th scope=\"col\">Last success</th><th scope=\"col\">Last error</th></tr></thead><tbody>");
            for (var i = 0; i < feeds.Worst.Count; i++)
            {
                var feed = feeds.Worst[i];
                page.Raw("<tr><th scope=\"row\">").Text(feed.Url).Raw("</th><td class=\"n\"").Field($"feeds.worst.{i}.consecutiveFailures").Raw(">").Number(feed.ConsecutiveFailures)
                    .Raw("</td><td>").Time(feed.LastSuccess).Raw("</td><td>").Text(feed.LastError ?? "").Raw("</td></tr>");
            }

            page.Raw("</tbody></table>");
        }

        page.Raw("</section>");
    }

    private static void Queues(Page page, IReadOnlyDictionary<string, QueueStatus> queues)
    {
        page.Raw("<section aria-labelledby=\"queues-h\"><h2 id=\"queues-h\">Queues</h2><table><thead><tr><th scope=\"col\">Queue</th><th scope=\"col\">Waiting</th><th scope=\"col\">Poison</th></tr></thead><tbody>");
        foreach (var (name, queue) in queues)
        {
            page.Raw("<tr><th scope=\"row\">").Text(name).Raw("</th><td class=\"n\"").Field($"queues.{name}.depth").Raw(">").Number(queue.Depth)
                .Raw("</td><td class=\"n\"").Field($"queues.{name}.poison").Raw(">").Number(queue.Poison).Raw("</td></tr>");
        }

        page.Raw("</tbody></table></section>");
    }

    private static void Runs(Page page, IReadOnlyDictionary<string, RunStatus> runs)
    {
        page.Raw("<section aria-labelledby=\"runs-h\"><h2 id=\"runs-h\">Timer runs</h2><table><thead><tr><th scope=\"col\">Function</th><th scope=\"col\">Last start</th><th scope=\"col\">Last end</th><th scope=\"col\">Outcome</th><th scope=\"col\">New</th></tr></thead><tbody>");
        foreach (var (name, run) in runs.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            page.Raw("<tr><th scope=\"row\">").Text(name).Raw("</th><td>").Time(run.LastStart).Raw("</td><td>").Time(run.LastEnd)
                .Raw("</td><td").Field($"runs.{name}.outcome").Raw(">").Text(run.Outcome)
                .Raw("</td><td class=\"n\"").Field($"runs.{name}.itemsNew").Raw(">").Number(run.ItemsNew).Raw("</td></tr>");
        }

        page.Raw("</tbody></table></section>");
    }

    private static void Subscribers(Page page, SubscribersStatus subscribers)
    {
        page.Raw("<section aria-labelledby=\"subscribers-h\"><h2 id=\"subscribers-h\">Subscribers</h2><table><tbody>");
        Count(page, "Email, active", "subscribers.email.active", subscribers.Email.Active);
        Count(page, "Email, awaiting confirmation", "subscribers.email.pending", subscribers.Email.Pending);
        Count(page, "Webhooks, active", "subscribers.webhook.active", subscribers.Webhook.Active);
        Count(page, "Webhooks, active but failing", "subscribers.webhook.failing", subscribers.Webhook.Failing);
        Count(page, "Webhooks, disabled", "subscribers.webhook.disabled", subscribers.Webhook.Disabled);
        page.Raw("</tbody></table></section>");
    }

    private static void Deliveries(Page page, DeliveriesStatus deliveries)
    {
        page.Raw("<section aria-labelledby=\"deliveries-h\"><h2 id=\"deliveries-h\">Deliveries, last 24 hours</h2><table><tbody>");
        Count(page, "Email digests sent", "deliveries24h.emailSent", deliveries.EmailSent);
        Count(page, "Email digests failed", "deliveries24h.emailFailed", deliveries.EmailFailed);
        Count(page, "Webhook pushes sent", "deliveries24h.webhookSent", deliveries.WebhookSent);
        Count(page, "Webhook pushes failed", "deliveries24h.webhookFailed", deliveries.WebhookFailed);
        page.Raw("</tbody></table></section>");
    }

    private static void Count(Page page, string label, string field, long value)
        => page.Raw("<tr><th scope=\"row\">").Text(label).Raw("</th><td class=\"n\"").Field(field).Raw(">").Number(value).Raw("</td></tr>");

    private static string Css(string status) => status switch
    {
        OverallStatus.Ok => "ok",
        OverallStatus.Degraded => "degraded",
        _ => "down",
    };

    /// <summary>Appends markup; <see cref="Text"/> is the only way text from the report gets in, and it encodes.</summary>
    private sealed class Page
    {
        private readonly StringBuilder _html = new();

        public Page Raw(string markup)
        {
            _html.Append(markup);
            return this;
        }

        public Page Text(string text)
        {
            _html.Append(HtmlEncoder.Default.Encode(text));
            return this;
        }

        public Page Number(long value)
        {
            _html.Append(value.ToString(CultureInfo.InvariantCulture));
            return this;
        }

        public Page Field(string path)
        {
            _html.Append(" data-field=\"").Append(HtmlEncoder.Default.Encode(path)).Append('"');
            return this;
        }

        public Page Time(DateTimeOffset? time, string format = "yyyy-MM-dd HH:mm:ss 'UTC'")
        {
            if (time is { } t)
            {
                _html.Append("<time datetime=\"").Append(t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append("\">")
                    .Append(t.UtcDateTime.ToString(format, CultureInfo.InvariantCulture)).Append("</time>");
            }
            else
            {
                _html.Append("never");
            }

            return this;
        }

        public override string ToString() => _html.ToString();
    }
}
