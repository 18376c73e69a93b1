using System.Globalization;
using System.Net;
using System.Text;
using Alerts.Core.Classification;

namespace Alerts.Core.Delivery;

/// <summary>Renders a digest as HTML (inline styles) and plain text; every value that came from a feed is escaped.</summary>
public static class DigestRenderer
{
    public static (string Subject, string Html, string Text) Render(IReadOnlyList<ItemEntity> items, Uri publicBaseUrl)
    {
        var top = items[0].Title;
        var subject = items.Count == 1
            ? $"1 new trade-policy alert: {Shorten(top, 90)}"
            : $"{items.Count} new trade-policy alerts: {Shorten(top, 80)}";
        var html = new StringBuilder();
        var text = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"color-scheme\" content=\"light dark\"></head>")
            .Append("<body style=\"margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.4\">")
            .Append("<h1 style=\"font-size:20px;margin:0 0 12px\">").Append(E(subject)).Append("</h1>");
        text.AppendLine(subject).AppendLine();
        foreach (var group in items.GroupBy(i => i.TopicIds.Count > 0 ? i.TopicIds[0] : "other"))
        {
            html.Append("<h2 style=\"font-size:17px;margin:16px 0 8px\">").Append(E(group.Key)).Append("</h2>");
            text.AppendLine("== " + group.Key + " ==");
            foreach (var item in group)
            {
                var when = (item.Published ?? item.DiscoveredAt).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
                var link = SafeLink(item.Link);
                html.Append("<div style=\"margin:0 0 14px\">");
                html.Append(link is null ? $"<strong>{E(item.Title)}</strong>" : $"<a href=\"{E(link)}\" style=\"font-weight:bold\">{E(item.Title)}</a>");
                html.Append("<div style=\"font-size:13px\">").Append(E(item.Source ?? "")).Append(" · ").Append(when)
                    .Append(" · severity ").Append(E(item.Severity)).Append("</div>");
                html.Append("<div>").Append(E(item.Summary)).Append("</div></div>");
                text.AppendLine("* " + item.Title).AppendLine(CultureInfo.InvariantCulture, $"  {item.Source} · {when} · severity {item.Severity}");
                if (link is not null)
                {
                    text.AppendLine("  " + link);
                }

                text.AppendLine();
            }
        }

        html.Append("<p style=\"font-size:12px;margin-top:24px\">Sent by Alerts (").Append(E(publicBaseUrl.ToString())).Append(").</p></body></html>");
        text.AppendLine("Sent by Alerts (" + publicBaseUrl + ").");
        return (subject, html.ToString(), text.ToString());
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);

    /// <summary>Only http(s) links are rendered as links: a <c>javascript:</c> link from a feed must not reach a mail client.</summary>
    private static string? SafeLink(string? link)
        => Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri.ToString() : null;

    private static string Shorten(string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }

        // Never cut between the two halves of a surrogate pair.
        var cut = char.IsHighSurrogate(value[max - 2]) ? max - 2 : max - 1;
        return value[..cut].TrimEnd() + "…";
    }
}
