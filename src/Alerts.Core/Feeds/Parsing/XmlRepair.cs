using System.Globalization;
using System.Net;
using System.Text;

namespace Alerts.Core.Feeds.Parsing;

/// <summary>
/// Prepares feed text for a strict XML reader: refuses HTML pages and documents that declare a DTD subset
/// (entity expansion and external entities), drops a bare DOCTYPE such as Netscape RSS 0.91's (never fetched), and
/// turns HTML entities XML does not know (<c>&amp;nbsp;</c>) into character references and stray ampersands into
/// <c>&amp;amp;</c>, leaving CDATA sections and comments alone.
/// </summary>
internal static class XmlRepair
{
    public static string Prepare(string text)
    {
        text = RemoveDoctype(text);
        return RepairEntities(text);
    }

    private static string RemoveDoctype(string text)
    {
        var p = 0;
        while (true)
        {
            while (p < text.Length && char.IsWhiteSpace(text[p]))
            {
                p++;
            }

            var rest = text.AsSpan(p);
            if (rest.StartsWith("<?") || rest.StartsWith("<!--"))
            {
                var close = rest.StartsWith("<?") ? "?>" : "-->";
                var end = text.IndexOf(close, p + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    return text;
                }

                p = end + close.Length;
                continue;
            }

            if (rest.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
            {
                var nameStart = p + "<!DOCTYPE".Length;
                while (nameStart < text.Length && char.IsWhiteSpace(text[nameStart]))
                {
                    nameStart++;
                }

                if (text.AsSpan(nameStart).StartsWith("html", StringComparison.OrdinalIgnoreCase))
                {
                    throw new FeedFormatException(FeedParser.HtmlPageMessage);
                }

                var bracket = text.IndexOf('[', p);
                var end = text.IndexOf('>', p);
                if (end < 0 || (bracket >= 0 && bracket < end))
                {
                    throw new FeedFormatException("DTDs are not allowed: the document declares its own entities or markup.");
                }

                return string.Concat(text.AsSpan(0, p), text.AsSpan(end + 1));
            }

            if (rest.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
            {
                throw new FeedFormatException(FeedParser.HtmlPageMessage);
            }

            return text;
        }
    }

    private static string RepairEntities(string text)
    {
        StringBuilder? repaired = null;
        var copied = 0;
        var i = 0;
        while (true)
        {
            var next = text.AsSpan(i).IndexOfAny('&', '<');
            if (next < 0)
            {
                break;
            }

            i += next;
            if (text[i] == '<')
            {
                i = SkipVerbatim(text, i);
                continue;
            }

            var (length, replacement) = Entity(text, i);
            if (replacement is not null)
            {
                repaired ??= new StringBuilder(text.Length + 64);
                repaired.Append(text, copied, i - copied).Append(replacement);
                copied = i + length;
            }

            i += length;
        }

        if (repaired is null)
        {
            return text;
        }

        return repaired.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Past a CDATA section or comment starting at <paramref name="i"/>, else one character on.</summary>
    private static int SkipVerbatim(string text, int i)
    {
        var rest = text.AsSpan(i);
        var (open, close) = rest.StartsWith("<![CDATA[") ? ("<![CDATA[", "]]>") : rest.StartsWith("<!--") ? ("<!--", "-->") : (null, null);
        if (open is null)
        {
            return i + 1;
        }

        var end = text.IndexOf(close!, i + open.Length, StringComparison.Ordinal);
        return end < 0 ? text.Length : end + close!.Length;
    }

    /// <summary>The reference at <paramref name="i"/> (an '&amp;'): its length, and what to write instead, or null to keep it.</summary>
    private static (int Length, string? Replacement) Entity(string text, int i)
    {
        var j = i + 1;
        if (j < text.Length && text[j] == '#')
        {
            j++;
            var hex = j < text.Length && text[j] is 'x' or 'X';
            if (hex)
            {
                j++;
            }

            var digits = j;
            while (j < text.Length && (hex ? char.IsAsciiHexDigit(text[j]) : char.IsAsciiDigit(text[j])))
            {
                j++;
            }

            return j > digits && j < text.Length && text[j] == ';' ? (j + 1 - i, null) : (1, "&amp;");
        }

        while (j < text.Length && j - i <= 32 && char.IsAsciiLetterOrDigit(text[j]))
        {
            j++;
        }

        if (j == i + 1 || j >= text.Length || text[j] != ';')
        {
            return (1, "&amp;");
        }

        var name = text.AsSpan(i + 1, j - i - 1);
        if (name is "amp" or "lt" or "gt" or "quot" or "apos")
        {
            return (j + 1 - i, null);
        }

        var reference = text.Substring(i, j + 1 - i);
        var decoded = WebUtility.HtmlDecode(reference);
        if (decoded == reference)
        {
            return (1, "&amp;");
        }

        var builder = new StringBuilder();
        foreach (var rune in decoded.EnumerateRunes())
        {
            builder.Append("&#").Append(rune.Value.ToString(CultureInfo.InvariantCulture)).Append(';');
        }

        return (j + 1 - i, builder.ToString());
    }
}
