using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Unicode;

namespace Alerts.Core.Feeds.Parsing;

/// <summary>
/// Turns a feed's bytes into text. Precedence: a byte-order mark, then the HTTP charset, then the XML declaration,
/// then UTF-8; corrected where the label is a known lie: "UTF-8" bytes that are not UTF-8 are windows-1252,
/// ISO-8859-1 and US-ASCII are read as their superset windows-1252 (as browsers do), and an HTTP Latin-1 default
/// on a document that is valid UTF-8 and does not declare otherwise is UTF-8.
/// </summary>
internal static class DocumentDecoder
{
    private static readonly Encoding Windows1252;

    private static readonly SearchValues<byte> XmlWhitespace = SearchValues.Create(" \t\r\n"u8);

    static DocumentDecoder()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
    }

    public static string Decode(ReadOnlySpan<byte> bytes, string? contentType)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(bytes[3..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0x3C, 0x00]))
        {
            var start = bytes[0] == 0xFF ? 2 : 0;
            return Encoding.Unicode.GetString(bytes[start..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x3C]))
        {
            var start = bytes[0] == 0xFE ? 2 : 0;
            return Encoding.BigEndianUnicode.GetString(bytes[start..]);
        }

        var declared = DeclaredEncoding(bytes);
        var http = HttpCharset(contentType);
        var label = http ?? declared;
        var isUtf8 = Utf8.IsValid(bytes);
        var encoding = Resolve(label);
        if (encoding is null || encoding.CodePage is 65001 or 1200 or 1201)
        {
            // UTF-16 labels on bytes without a BOM or NUL pattern come from documents re-encoded on the way.
            return isUtf8 ? Encoding.UTF8.GetString(bytes) : Windows1252.GetString(bytes);
        }

        if (encoding.CodePage is 28591 or 20127 or 1252)
        {
            var httpDefaultOnUtf8 = http is not null && isUtf8 && (declared is null || Resolve(declared)?.CodePage == 65001);
            return httpDefaultOnUtf8 ? Encoding.UTF8.GetString(bytes) : Windows1252.GetString(bytes);
        }

        return encoding.GetString(bytes);
    }

    private static Encoding? Resolve(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(label.Trim().Trim('"', '\''));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? HttpCharset(string? contentType)
        => contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var parsed) && !string.IsNullOrWhiteSpace(parsed.CharSet)
            ? parsed.CharSet
            : null;

    /// <summary>The <c>encoding</c> of an XML declaration at the start (after whitespace), read as ASCII.</summary>
    private static string? DeclaredEncoding(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 512)];
        var start = head.IndexOf("<?xml"u8);
        if (start < 0 || head[..start].ContainsAnyExcept(XmlWhitespace))
        {
            return null;
        }

        var end = head[start..].IndexOf("?>"u8);
        if (end < 0)
        {
            return null;
        }

        var declaration = Encoding.ASCII.GetString(head.Slice(start, end));
        var at = declaration.IndexOf("encoding", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var quote = declaration.IndexOfAny(['"', '\''], at);
        if (quote < 0)
        {
            return null;
        }

        var close = declaration.IndexOf(declaration[quote], quote + 1);
        return close < 0 ? null : declaration[(quote + 1)..close];
    }
}
