using System.Text;
using Alerts.Core.Feeds;

namespace Alerts.Core.Tests.Feeds;

/// <summary>Attacks and non-feeds: each is refused with a clear <see cref="FeedFormatException"/>, never a crash or unbounded memory.</summary>
public class HostileFeedTests
{
    [Theory]
    [InlineData("billion-laughs.xml", "DTDs are not allowed")]
    [InlineData("external-entity.xml", "DTDs are not allowed")]
    [InlineData("binary-garbage.bin", "neither XML nor JSON")]
    [InlineData("empty.xml", "empty document")]
    [InlineData("html-page.html", "looks like an HTML page")]
    public void Hostile_or_non_feed_fixture_is_refused_with_a_reason(string file, string reason)
    {
        var e = Assert.Throws<FeedFormatException>(() => FeedFixtures.Parse(file));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void External_entity_content_never_reaches_the_error()
    {
        var e = Assert.Throws<FeedFormatException>(() => FeedFixtures.Parse("external-entity.xml"));

        Assert.DoesNotContain("root:", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void External_dtd_is_never_fetched_and_its_entities_stay_text()
        => Assert.Equal("Before &xxe; after", Assert.Single(FeedFixtures.Parse("external-dtd.xml").Items).Title);

    [Theory]
    [InlineData("<html><body><p>Hello</p></body></html>", "looks like an HTML page")]
    [InlineData("<note><to>Tove</to></note>", "root element is <note>")]
    [InlineData("""{"items":[{"title":"x"}]}""", "JSON Feed")]
    [InlineData("<rss version=\"2.0\"><channel><title>cut off", "not well-formed XML")]
    [InlineData("   \r\n  ", "empty document")]
    public void Documents_that_are_not_feeds_say_why(string text, string reason)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        var e = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(stream));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_100_MB_stream_is_refused_after_reading_no_more_than_the_limit()
    {
        using var endless = new EndlessFeedStream(100L * 1024 * 1024);

        var e = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(endless));

        Assert.Contains("larger than", e.Message, StringComparison.Ordinal);
        Assert.InRange(endless.BytesRead, FeedParser.DefaultMaxBytes, FeedParser.DefaultMaxBytes + (1024 * 1024));
    }

    [Fact]
    public void A_smaller_limit_is_honoured()
    {
        using var stream = File.OpenRead(FeedFixtures.PathOf("date-variants.xml"));

        Assert.Throws<FeedFormatException>(() => FeedParser.Parse(stream, maxBytes: 256));
    }

    [Fact]
    public void A_failing_stream_is_a_format_error_not_an_io_crash()
    {
        using var broken = new BrokenStream();

        var e = Assert.Throws<FeedFormatException>(() => FeedParser.Parse(broken));

        Assert.Contains("could not read", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupted_fixtures_either_parse_or_fail_as_format_errors()
    {
        var random = new Random(20251103);
        var escaped = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(FeedFixtures.PathOf("empty.xml"))!).Order(StringComparer.Ordinal))
        {
            var original = File.ReadAllBytes(file);
            for (var i = 0; i < 40 && original.Length > 0; i++)
            {
                var bytes = Corrupt(original, random);
                try
                {
                    using var stream = new MemoryStream(bytes);
                    FeedParser.Parse(stream);
                }
                catch (FeedFormatException)
                {
                }
                catch (Exception e)
                {
                    escaped.Add($"{Path.GetFileName(file)} #{i}: {e.GetType().Name}: {e.Message}");
                }
            }
        }

        Assert.Empty(escaped);
    }

    /// <summary>Truncates, overwrites or inserts markup-significant bytes at random places.</summary>
    private static byte[] Corrupt(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        for (var edits = random.Next(1, 6); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.InsertRange(at, "<&;:]]>\"{}"u8.ToArray().OrderBy(_ => random.Next()).Take(random.Next(1, 4)));
                    break;
                default:
                    bytes.RemoveAt(at);
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>A non-seekable stream of a never-ending RSS title, as a hostile server would send.</summary>
    private sealed class EndlessFeedStream(long length) : Stream
    {
        private static readonly byte[] Head = Encoding.ASCII.GetBytes("<rss version=\"2.0\"><channel><title>");

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            for (var i = 0; i < n; i++)
            {
                var at = BytesRead + i;
                buffer[offset + i] = at < Head.Length ? Head[at] : (byte)'a';
            }

            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class BrokenStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("connection reset");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
