using System.Net;
using System.Text;

namespace Alerts.Core.Classification;

/// <summary>
/// Turns feed text into the plain text the classifier reads and its evidence offsets refer to: HTML tags
/// stripped, entities decoded, Unicode in composed form (NFC).
/// </summary>
public static class TextNormaliser
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        // Feed text is almost always plain ASCII; it then needs no work and no allocation.
        if (text.AsSpan().IndexOfAny('<', '&') < 0 && IsAscii(text))
        {
            return text;
        }

        var plain = text.Contains('<', StringComparison.Ordinal) ? StripTags(text) : text;
        if (plain.Contains('&', StringComparison.Ordinal))
        {
            plain = WebUtility.HtmlDecode(plain);
        }

        return plain.IsNormalized(NormalizationForm.FormC) ? plain : plain.Normalize(NormalizationForm.FormC);
    }

    private static bool IsAscii(string text) => System.Text.Ascii.IsValid(text);

    /// <summary>Drops tags (a tag becomes a space so words either side stay apart) and the content of script and style elements.</summary>
    private static string StripTags(string html)
    {
        var builder = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c != '<')
            {
                builder.Append(c);
                i++;
                continue;
            }

            var close = html.IndexOf('>', i + 1);
            if (close < 0)
            {
                builder.Append(html, i, html.Length - i);
                break;
            }

            var tag = html.AsSpan(i + 1, close - i - 1);
            var skipTo = close + 1;
            foreach (var element in (ReadOnlySpan<string>)["script", "style"])
            {
                if (tag.StartsWith(element, StringComparison.OrdinalIgnoreCase))
                {
                    var end = html.IndexOf("</" + element, close, StringComparison.OrdinalIgnoreCase);
                    var endClose = end < 0 ? -1 : html.IndexOf('>', end);
                    skipTo = endClose < 0 ? html.Length : endClose + 1;
                }
            }

            if (builder.Length > 0 && !char.IsWhiteSpace(builder[^1]) && skipTo < html.Length && !char.IsWhiteSpace(html[skipTo]))
            {
                builder.Append(' ');
            }

            i = skipTo;
        }

        return builder.ToString().Trim();
    }
}
