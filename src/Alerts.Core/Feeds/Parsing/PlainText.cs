using System.Buffers;
using System.Net;

namespace Alerts.Core.Feeds.Parsing;

/// <summary>
/// Reduces feed text to safe plain text: markup removed (script and style with their content), entities decoded
/// once, control characters dropped and whitespace folded. The result holds no tags a renderer could run, but may
/// hold a literal <c>&lt;</c> that was written as <c>&amp;lt;</c>: render it escaped, as any text.
/// </summary>
public static class PlainText
{
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> BlockTagNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "hr", "section", "article", "header", "footer", "dd", "dt", "dl", "figure", "figcaption",
    }.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Text that may carry HTML (RSS fields, Atom <c>type="html"</c> and <c>xhtml</c>, JSON Feed <c>content_html</c>).</summary>
    public static string FromHtml(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return "";
        }

        if (html.AsSpan().IndexOfAny('<', '&') < 0)
        {
            return Fold(html);
        }

        // Every item's fields pass through here: strip and fold in one pooled buffer, so only the result is allocated.
        var buffer = ArrayPool<char>.Shared.Rent(html.Length);
        try
        {
            var length = 0;
            var i = 0;
            while (i < html.Length)
            {
                var tag = html.IndexOf('<', i);
                if (tag < 0 || tag + 1 >= html.Length)
                {
                    html.AsSpan(i).CopyTo(buffer.AsSpan(length));
                    length += html.Length - i;
                    break;
                }

                html.AsSpan(i, tag - i).CopyTo(buffer.AsSpan(length));
                length += tag - i;
                i = SkipMarkup(html, tag, buffer, ref length);
            }

            var stripped = buffer.AsSpan(0, length);
            if (stripped.Contains('&'))
            {
                return Fold(WebUtility.HtmlDecode(stripped.ToString()));
            }

            return new string(stripped[..FoldInPlace(stripped)]);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Text that is already plain (Atom <c>type="text"</c>, JSON Feed titles): only folds whitespace and drops control characters.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (IsFolded(text))
        {
            return text;
        }

        var buffer = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            var folded = buffer.AsSpan(0, text.Length);
            text.CopyTo(folded);
            return new string(folded[..FoldInPlace(folded)]);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Folds <paramref name="text"/> into its own start (folding only shortens); returns the folded length.</summary>
    private static int FoldInPlace(Span<char> text)
    {
        var length = 0;
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = length > 0;
            }
            else if (!char.IsControl(c) && c != '\uFEFF')
            {
                if (pendingSpace)
                {
                    text[length++] = ' ';
                    pendingSpace = false;
                }

                text[length++] = c;
            }
        }

        return length;
    }

    /// <summary>True when folding would change nothing: no control characters, no leading, trailing or repeated whitespace, only plain spaces.</summary>
    private static bool IsFolded(string text)
    {
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return false;
        }

        var previousSpace = false;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (previousSpace)
                {
                    return false;
                }

                previousSpace = true;
            }
            else if (char.IsWhiteSpace(c) || char.IsControl(c) || c == '\uFEFF')
            {
                return false;
            }
            else
            {
                previousSpace = false;
            }
        }

        return true;
    }

    /// <summary>Skips the tag, comment or declaration at <paramref name="start"/> (a '&lt;'); returns where text resumes.</summary>
    private static int SkipMarkup(string html, int start, char[] text, ref int length)
    {
        var next = html[start + 1];
        if (html.AsSpan(start).StartsWith("<!--"))
        {
            var end = html.IndexOf("-->", start + 4, StringComparison.Ordinal);
            return end < 0 ? html.Length : end + 3;
        }

        if (!(char.IsAsciiLetter(next) || next is '/' or '!' or '?'))
        {
            text[length++] = '<';
            return start + 1;
        }

        var close = html.IndexOf('>', start + 1);
        if (close < 0)
        {
            text[length++] = '<';
            return start + 1;
        }

        var nameStart = next == '/' ? start + 2 : start + 1;
        var nameEnd = nameStart;
        while (nameEnd < close && char.IsAsciiLetterOrDigit(html[nameEnd]))
        {
            nameEnd++;
        }

        var name = html.AsSpan(nameStart, nameEnd - nameStart);
        if (next != '/' && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
        {
            var endTag = html.IndexOf("</" + name.ToString(), close, StringComparison.OrdinalIgnoreCase);
            if (endTag < 0)
            {
                return html.Length;
            }

            var endClose = html.IndexOf('>', endTag);
            return endClose < 0 ? html.Length : endClose + 1;
        }

        if (BlockTagNames.Contains(name))
        {
            text[length++] = ' ';
        }

        return close + 1;
    }
}
