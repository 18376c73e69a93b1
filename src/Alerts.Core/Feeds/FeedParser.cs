using System.Buffers;
using System.Text.Json;
using System.Xml;
using Alerts.Core.Feeds.Parsing;

namespace Alerts.Core.Feeds;

/// <summary>
/// Parses RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed 1.0/1.1 into <see cref="ParsedFeed"/>. Anything that is not
/// a readable feed (malformed, a DTD, an HTML page, too large, empty) throws <see cref="FeedFormatException"/> and
/// nothing else; memory is bounded by the size limit, since no entity is ever expanded.
/// </summary>
public static class FeedParser
{
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    internal const string HtmlPageMessage = "not a feed: looks like an HTML page.";

    /// <param name="stream">The document; read to its end.</param>
    /// <param name="contentType">The HTTP Content-Type, for its charset.</param>
    /// <param name="baseUri">The feed's URL, against which relative links (and <c>xml:base</c>) resolve.</param>
    /// <param name="maxBytes">Documents larger than this are refused while reading.</param>
    public static ParsedFeed Parse(Stream stream, string? contentType = null, Uri? baseUri = null, long maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (bytes, rented) = ReadBounded(stream, maxBytes);
        try
        {
            if (TryReadWellFormed(bytes, contentType, baseUri) is { } feed)
            {
                return feed;
            }

            var text = DocumentDecoder.Decode(bytes, contentType);
            var start = text.AsSpan().IndexOfAnyExcept(" \t\r\n\uFEFF");
            if (start < 0)
            {
                throw new FeedFormatException("empty document.");
            }

            return text[start] switch
            {
                '<' => XmlFeedReader.Read(XmlRepair.Prepare(start == 0 ? text : text[start..]), baseUri),
                '{' => JsonFeedReader.Read(text, baseUri),
                _ => throw new FeedFormatException("not a feed: the document is neither XML nor JSON."),
            };
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new FeedFormatException("DTDs are not allowed.", e);
        }
        catch (XmlException e)
        {
            throw new FeedFormatException($"not well-formed XML: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new FeedFormatException($"not valid JSON: {e.Message}", e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException or System.Text.DecoderFallbackException)
        {
            throw new FeedFormatException($"not a readable feed: {e.Message}", e);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The common case, read without decoding the whole document into one string (which, for a news-sized feed,
    /// lands on the large object heap and costs gen-2 collections): XML in UTF-8 or windows-1252, streamed straight
    /// into the reader. Null when the document needs the repairing path: not XML, or anything the strict reader
    /// refuses (an HTML entity, a stray ampersand, a DOCTYPE, an undeclared prefix, malformed markup); that path
    /// reads it again from the start, so its results and messages are those of the repaired text.
    /// </summary>
    private static ParsedFeed? TryReadWellFormed(ArraySegment<byte> bytes, string? contentType, Uri? baseUri)
    {
        var (encoding, start, asciiCompatible) = DocumentDecoder.Detect(bytes, contentType);
        if (!asciiCompatible)
        {
            return null;
        }

        var content = bytes.AsSpan(start).IndexOfAnyExcept(" \t\r\n"u8);
        if (content < 0 || bytes[start + content] != (byte)'<')
        {
            return null;
        }

        try
        {
            using var text = new BytesReader(bytes.AsMemory(start + content), encoding);
            return XmlFeedReader.Read(text, baseUri);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>The document's bytes, and the pooled array holding them when one was rented (large feeds would otherwise churn the large object heap).</summary>
    private static (ArraySegment<byte> Bytes, byte[]? Rented) ReadBounded(Stream stream, long maxBytes)
    {
        try
        {
            if (stream is MemoryStream memory && memory.TryGetBuffer(out var segment))
            {
                var rest = segment[(int)memory.Position..];
                if (rest.Count > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }

                memory.Position = memory.Length;
                return (rest, null);
            }

            if (stream.CanSeek)
            {
                var length = stream.Length - stream.Position;
                if (length > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }

                var rented = ArrayPool<byte>.Shared.Rent((int)length);
                try
                {
                    stream.ReadExactly(rented, 0, (int)length);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(rented);
                    throw;
                }

                return (new ArraySegment<byte>(rented, 0, (int)length), rented);
            }

            return (ReadChunked(stream, maxBytes), null);
        }
        catch (Exception e) when (e is IOException or NotSupportedException or ObjectDisposedException)
        {
            throw new FeedFormatException($"could not read the document: {e.Message}", e);
        }
    }

    /// <summary>A stream of unknown length, read in pooled chunks and refused as soon as it passes the limit.</summary>
    private static ArraySegment<byte> ReadChunked(Stream stream, long maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static FeedFormatException TooLarge(long maxBytes) => new($"document larger than {maxBytes} bytes.");
}
