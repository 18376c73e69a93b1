using System.Buffers;
using System.Net.Http.Headers;
using System.Text;

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

    /// <summary>UTF-8 and UTF-16 without a preamble: the decoders must not drop a second byte-order mark the document holds.</summary>
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private static readonly Encoding Utf16LittleEndian = new UnicodeEncoding(bigEndian: false, byteOrderMark: false);

    private static readonly Encoding Utf16BigEndian = new UnicodeEncoding(bigEndian: true, byteOrderMark: false);

    public static string Decode(ReadOnlySpan<byte> bytes, string? contentType)
    {
        var (encoding, start, _) = Detect(bytes, contentType);
        return encoding.GetString(bytes[start..]);
    }

    /// <summary>
    /// The encoding to read the document with, where its text starts (past a byte-order mark), and whether every
    /// ASCII character is its own single byte in it (UTF-8, windows-1252), so markup can be found in the bytes.
    /// </summary>
    public static (Encoding Encoding, int Start, bool AsciiCompatible) Detect(ReadOnlySpan<byte> bytes, string? contentType)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (Utf8, 3, true);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0x3C, 0x00]))
        {
            return (Utf16LittleEndian, bytes[0] == 0xFF ? 2 : 0, false);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x3C]))
        {
            return (Utf16BigEndian, bytes[0] == 0xFE ? 2 : 0, false);
        }

        var declared = DeclaredEncoding(bytes);
        var http = HttpCharset(contentType);
        var label = http ?? declared;
        var isUtf8 = System.Text.Unicode.Utf8.IsValid(bytes);
        var encoding = Resolve(label);
        if (encoding is null || encoding.CodePage is 65001 or 1200 or 1201)
        {
            // UTF-16 labels on bytes without a BOM or NUL pattern come from documents re-encoded on the way.
            return (isUtf8 ? Utf8 : Windows1252, 0, true);
        }

        if (encoding.CodePage is 28591 or 20127 or 1252)
        {
            var httpDefaultOnUtf8 = http is not null && isUtf8 && (declared is null || Resolve(declared)?.CodePage == 65001);
            return (httpDefaultOnUtf8 ? Utf8 : Windows1252, 0, true);
        }

        return (encoding, 0, false);
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
