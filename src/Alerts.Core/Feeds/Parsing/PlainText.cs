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

    /// <summary>Text up to this length is reduced in a stack buffer; longer text in a pooled one.</summary>
    private const int StackBufferLength = 256;

    /// <summary>
    /// Strips markup, decodes entities and folds, in one buffer (on the stack for the short fields most items have),
    /// so only the result is allocated (every item's fields pass through here). Entities are decoded after stripping
    /// (a decoded tag stays text) and before folding (a decoded space folds).
    /// </summary>
    private static string Reduce(ReadOnlySpan<char> html)
    {
        char[]? rented = null;
        var buffer = html.Length <= StackBufferLength
            ? stackalloc char[StackBufferLength]
            : (rented = ArrayPool<char>.Shared.Rent(html.Length));
        try
        {
            var stripped = buffer[..Strip(html, buffer)];
            var entities = html.Contains('&');
            if (!entities)
            {
                // Block tags at the ends leave only spaces there: text folded but for those is the result as it is.
                var trimmed = stripped.Trim(' ');
                if (trimmed.IsEmpty || IsFolded(trimmed))
                {
                    return new string(trimmed);
                }
            }
            else if (!DecodesInPlace(stripped))
            {
                return Fold(WebUtility.HtmlDecode(stripped.ToString()));
            }

            // Decoding and folding only shorten the text, so they write into the buffer they read.
            var folding = new Folding(buffer);
            if (entities)
            {
                folding.AddDecoded(stripped);
            }
            else
            {
                folding.Add(stripped);
            }

            return new string(buffer[..folding.Length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Copies the text of <paramref name="html"/> without its markup into <paramref name="buffer"/>; returns the length.</summary>
    private static int Strip(ReadOnlySpan<char> html, Span<char> buffer)
    {
        var length = 0;
        var i = 0;
        while (i < html.Length)
        {
            var tag = html[i..].IndexOf('<');
            if (tag < 0 || i + tag + 1 >= html.Length)
            {
                html[i..].CopyTo(buffer[length..]);
                length += html.Length - i;
                break;
            }

            html.Slice(i, tag).CopyTo(buffer[length..]);
            length += tag;
            i = SkipMarkup(html, i + tag, buffer, ref length);
        }

        return length;
    }

    /// <summary>
    /// Whether every '&amp;' in <paramref name="text"/> is one that <see cref="WebUtility.HtmlDecode(string?)"/> keeps
    /// as it is (no ';' before the next '&amp;') or one of the four entities that escape markup (<c>&amp;lt;</c>,
    /// <c>&amp;gt;</c>, <c>&amp;amp;</c>, <c>&amp;quot;</c>); those <see cref="Folding.AddDecoded"/> decodes itself.
    /// </summary>
    private static bool DecodesInPlace(ReadOnlySpan<char> text)
    {
        for (var at = text.IndexOf('&'); at >= 0;)
        {
            var length = AmpersandLength(text[at..]);
            if (length == 0)
            {
                return false;
            }

            var next = text[(at + length)..].IndexOf('&');
            at = next < 0 ? -1 : at + length + next;
        }

        return true;
    }

    /// <summary>
    /// At an '&amp;': the length of the markup entity it starts, 1 when it is a plain ampersand, 0 for any other
    /// entity (left to <see cref="WebUtility.HtmlDecode(string?)"/>).
    /// </summary>
    private static int AmpersandLength(ReadOnlySpan<char> text)
    {
        var end = text[1..].IndexOfAny(';', '&');
        if (end < 0 || text[1 + end] == '&')
        {
            return 1;
        }

        return text[1..(1 + end)] switch
        {
            "lt" or "gt" => 4,
            "amp" => 5,
            "quot" => 6,
            _ => 0,
        };
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
    private static int SkipMarkup(ReadOnlySpan<char> html, int start, Span<char> text, ref int length)
    {
        var next = html[start + 1];
        if (html[start..].StartsWith("<!--"))
        {
            var end = html[(start + 4)..].IndexOf("-->");
            return end < 0 ? html.Length : start + 4 + end + 3;
        }

        if (!(char.IsAsciiLetter(next) || next is '/' or '!' or '?'))
        {
            text[length++] = '<';
            return start + 1;
        }

        var close = html[(start + 1)..].IndexOf('>');
        if (close < 0)
        {
            text[length++] = '<';
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

        if (IsBlockTag(name))
        {
            text[length++] = ' ';
        }

        return close + 1;
    }

    /// <summary>Tags that separate text (a paragraph, a line break, a cell): they leave a space, where inline tags leave nothing.</summary>
    /// <remarks>By length first, without a lower-cased copy: every tag of an item's HTML comes through here, most of them inline.</remarks>
    private static bool IsBlockTag(ReadOnlySpan<char> name) => name.Length switch
    {
        // Names are ASCII letters and digits here, which setting the 0x20 bit lower-cases.
        1 => (name[0] | 0x20) == 'p',
        2 => IsTwoLetterBlockTag((char)(name[0] | 0x20), (char)(name[1] | 0x20)),
        3 => name.Equals("div", StringComparison.OrdinalIgnoreCase) || name.Equals("pre", StringComparison.OrdinalIgnoreCase),
        5 => name.Equals("table", StringComparison.OrdinalIgnoreCase),
        6 => name.Equals("header", StringComparison.OrdinalIgnoreCase) || name.Equals("footer", StringComparison.OrdinalIgnoreCase)
            || name.Equals("figure", StringComparison.OrdinalIgnoreCase),
        7 => name.Equals("section", StringComparison.OrdinalIgnoreCase) || name.Equals("article", StringComparison.OrdinalIgnoreCase),
        10 => name.Equals("blockquote", StringComparison.OrdinalIgnoreCase) || name.Equals("figcaption", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>br, li, ul, ol, tr, td, th, hr, h1 to h6, dd, dt, dl.</summary>
    private static bool IsTwoLetterBlockTag(char first, char second) => first switch
    {
        'b' => second == 'r',
        'l' => second == 'i',
        'u' or 'o' => second == 'l',
        't' => second is 'r' or 'd' or 'h',
        'h' => second is 'r' or (>= '1' and <= '6'),
        'd' => second is 'd' or 't' or 'l',
        _ => false,
    };

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

    /// <summary>
    /// Whitespace folding as a stream into <paramref name="output"/>: runs of whitespace become one space between
    /// words, control characters and BOMs go. It never writes past what it has read, so the output may be the input.
    /// </summary>
    private ref struct Folding(Span<char> output)
    {
        private readonly Span<char> output = output;

        public int Length;

        private bool pendingSpace;

        /// <summary>Adds text whose ampersands all pass <see cref="DecodesInPlace"/>, decoded.</summary>
        public void AddDecoded(ReadOnlySpan<char> text)
        {
            for (var at = text.IndexOf('&'); at >= 0; at = text.IndexOf('&'))
            {
                Add(text[..at]);
                var length = AmpersandLength(text[at..]);
                AddOther(length == 1 ? '&' : text[at + 1] switch { 'l' => '<', 'g' => '>', 'a' => '&', _ => '"' });
                text = text[(at + length)..];
            }

            Add(text);
        }

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
                    output[Length++] = ' ';
                }

                piece[..^(trailingSpace ? 1 : 0)].CopyTo(output[Length..]);
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
                    output[Length++] = ' ';
                    pendingSpace = false;
                }

                output[Length++] = c;
            }
        }
    }
}
