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

        return html.AsSpan().IndexOfAny('<', '&') < 0 ? Fold(html) : Reduce(html);
    }

    /// <summary><see cref="FromHtml(string?)"/> of characters not yet made a string (element content read in place).</summary>
    internal static string FromHtml(ReadOnlySpan<char> html)
        => html.IndexOfAny('<', '&') < 0 ? Fold(html) : Reduce(html);

    /// <summary>Text that is already plain (Atom <c>type="text"</c>, JSON Feed titles): only folds whitespace and drops control characters.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        return IsFolded(text) ? text : FoldToString(text);
    }

    /// <summary><see cref="Fold(string?)"/> of characters not yet made a string.</summary>
    internal static string Fold(ReadOnlySpan<char> text)
        => text.IsEmpty ? "" : IsFolded(text) ? new string(text) : FoldToString(text);

    /// <summary>Strips markup and folds, in one pooled buffer, so only the result is allocated (every item's fields pass through here).</summary>
    private static string Reduce(ReadOnlySpan<char> html)
    {
        var buffer = ArrayPool<char>.Shared.Rent(html.Length);
        try
        {
            // Entities are decoded after stripping and before folding (a decoded space folds, a decoded tag stays
            // text); without any, stripping and folding are one pass.
            var decode = html.Contains('&');
            var folding = new Folding(decode ? null : buffer);
            var length = 0;
            var i = 0;
            while (i < html.Length)
            {
                var tag = html[i..].IndexOf('<');
                if (tag < 0 || i + tag + 1 >= html.Length)
                {
                    Append(html[i..], buffer, ref length, ref folding);
                    break;
                }

                Append(html.Slice(i, tag), buffer, ref length, ref folding);
                i = SkipMarkup(html, i + tag, buffer, ref length, ref folding);
            }

            if (!decode)
            {
                return new string(buffer, 0, folding.Length);
            }

            var stripped = buffer.AsSpan(0, length);
            return stripped.Contains('&') ? Fold(WebUtility.HtmlDecode(stripped.ToString())) : new string(stripped[..FoldInPlace(stripped)]);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Appends stripped text: folded on the way when <paramref name="folding"/> writes, else as is (to decode first).</summary>
    private static void Append(ReadOnlySpan<char> text, char[] buffer, ref int length, ref Folding folding)
    {
        if (folding.Output is null)
        {
            text.CopyTo(buffer.AsSpan(length));
            length += text.Length;
        }
        else
        {
            folding.Add(text);
        }
    }

    private static string FoldToString(ReadOnlySpan<char> text)
    {
        var buffer = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            var folding = new Folding(buffer);
            folding.Add(text);
            return new string(buffer, 0, folding.Length);
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

    /// <summary>
    /// True when folding would change nothing: no control characters, no leading, trailing or repeated whitespace,
    /// only plain spaces. Printable ASCII, the common case, is checked vectorised.
    /// </summary>
    private static bool IsFolded(ReadOnlySpan<char> text)
    {
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            return false;
        }

        if (!text.ContainsAnyExceptInRange(' ', '~'))
        {
            return !text.Contains("  ", StringComparison.Ordinal);
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
    private static int SkipMarkup(ReadOnlySpan<char> html, int start, char[] buffer, ref int length, ref Folding folding)
    {
        var next = html[start + 1];
        if (html[start..].StartsWith("<!--"))
        {
            var end = html[(start + 4)..].IndexOf("-->");
            return end < 0 ? html.Length : start + 4 + end + 3;
        }

        if (!(char.IsAsciiLetter(next) || next is '/' or '!' or '?'))
        {
            Append("<", buffer, ref length, ref folding);
            return start + 1;
        }

        var close = html[(start + 1)..].IndexOf('>');
        if (close < 0)
        {
            Append("<", buffer, ref length, ref folding);
            return start + 1;
        }

        close += start + 1;
        var nameStart = next == '/' ? start + 2 : start + 1;
        var nameEnd = nameStart;
        while (nameEnd < close && char.IsAsciiLetterOrDigit(html[nameEnd]))
        {
            nameEnd++;
        }

        var name = html[nameStart..nameEnd];
        if (next != '/' && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
        {
            var endTag = IndexOfEndTag(html[close..], name);
            if (endTag < 0)
            {
                return html.Length;
            }

            var endClose = html[(close + endTag)..].IndexOf('>');
            return endClose < 0 ? html.Length : close + endTag + endClose + 1;
        }

        if (BlockTagNames.Contains(name))
        {
            Append(" ", buffer, ref length, ref folding);
        }

        return close + 1;
    }

    /// <summary>Where <c>&lt;/name</c> starts in <paramref name="html"/>, case-insensitively; -1 when absent.</summary>
    private static int IndexOfEndTag(ReadOnlySpan<char> html, ReadOnlySpan<char> name)
    {
        for (var at = 0; ;)
        {
            var open = html[at..].IndexOf("</");
            if (open < 0)
            {
                return -1;
            }

            at += open;
            if (html[(at + 2)..].StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                return at;
            }

            at++;
        }
    }

    /// <summary>Whitespace folding as a stream: runs of whitespace become one space between words, control characters and BOMs go.</summary>
    private ref struct Folding(char[]? output)
    {
        public readonly char[]? Output = output;

        public int Length;

        private bool pendingSpace;

        /// <summary>Printable ASCII, nearly all of a feed's text, is copied run by run; anything else is classified one character at a time.</summary>
        public void Add(ReadOnlySpan<char> text)
        {
            while (!text.IsEmpty)
            {
                var other = text.IndexOfAnyExceptInRange(' ', '~');
                if (other < 0)
                {
                    AddPrintable(text);
                    return;
                }

                AddPrintable(text[..other]);
                text = text[other..];
                var printable = text.IndexOfAnyInRange(' ', '~');
                foreach (var c in printable < 0 ? text : text[..printable])
                {
                    AddOther(c);
                }

                if (printable < 0)
                {
                    return;
                }

                text = text[printable..];
            }
        }

        /// <summary>Printable ASCII and spaces: words and single spaces copied as they are, other spaces folded.</summary>
        private void AddPrintable(ReadOnlySpan<char> run)
        {
            while (!run.IsEmpty)
            {
                var word = run.IndexOfAnyExcept(' ');
                if (word != 0)
                {
                    pendingSpace = Length > 0;
                    if (word < 0)
                    {
                        return;
                    }

                    run = run[word..];
                }

                // Up to the next double space: words and the single spaces between them, kept as they are.
                var gap = run.IndexOf("  ");
                var piece = gap < 0 ? run : run[..gap];
                var trailingSpace = piece[^1] == ' ';
                if (pendingSpace)
                {
                    Output![Length++] = ' ';
                }

                piece[..^(trailingSpace ? 1 : 0)].CopyTo(Output.AsSpan(Length));
                Length += piece.Length - (trailingSpace ? 1 : 0);
                pendingSpace = trailingSpace;
                run = run[piece.Length..];
            }
        }

        private void AddOther(char c)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = Length > 0;
            }
            else if (!char.IsControl(c) && c != '\uFEFF')
            {
                if (pendingSpace)
                {
                    Output![Length++] = ' ';
                    pendingSpace = false;
                }

                Output![Length++] = c;
            }
        }
    }
}
