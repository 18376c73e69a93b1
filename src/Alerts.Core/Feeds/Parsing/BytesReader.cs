using System.Text;

namespace Alerts.Core.Feeds.Parsing;

/// <summary>
/// Text decoded from bytes already in memory straight into the caller's buffer: what a <see cref="StreamReader"/>
/// over a <see cref="MemoryStream"/> gives (same decoder, same replacement of invalid bytes), without its own byte
/// and character buffers and the copy between them.
/// </summary>
internal sealed class BytesReader(ReadOnlyMemory<byte> bytes, Encoding encoding) : TextReader
{
    private readonly Decoder decoder = encoding.GetDecoder();
    private ReadOnlyMemory<byte> rest = bytes;
    private bool flushed;
    private char? pending;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (pending is { } held)
        {
            buffer[0] = held;
            pending = null;
            return 1;
        }

        if (buffer.Length == 1)
        {
            // Room for one character may not be room for the next one (a surrogate pair): decode two, hold one back.
            Span<char> two = stackalloc char[2];
            var read = Read(two);
            pending = read == 2 ? two[1] : null;
            buffer[0] = two[0];
            return Math.Min(read, 1);
        }

        var written = 0;

        // A decoder may hold back the bytes of an incomplete sequence and write nothing; go on until something is written or all is flushed.
        while (written == 0 && !flushed)
        {
            var last = rest.Length <= buffer.Length;
            decoder.Convert(rest.Span, buffer, flush: last, out var used, out written, out var completed);
            rest = rest[used..];
            flushed = last && completed;
        }

        return written;
    }

    public override int Peek() => throw new NotSupportedException();

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 1 ? one[0] : -1;
    }
}
