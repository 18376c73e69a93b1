using System.Text;
using Alerts.Core.Feeds.Parsing;

namespace Alerts.Core.Tests.Feeds;

public class BytesReaderTests
{
    static BytesReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var encoding in new[] { "utf-8", "windows-1252" })
        {
            foreach (var size in new[] { 1, 2, 3, 7, 4096 })
            {
                data.Add(encoding, size);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decodes_as_a_stream_reader_does_whatever_the_buffer_size(string encodingName, int bufferSize)
    {
        var encoding = encodingName == "utf-8" ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) : Encoding.GetEncoding(encodingName);
        var random = new Random(7);
        var text = new StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            text.Append(random.Next(4) switch { 0 => "tariff ", 1 => "é", 2 => "\U0001F600", _ => "€" });
        }

        // Valid text, then bytes that are invalid UTF-8, then a sequence cut off at the very end.
        var bytes = encoding.GetBytes(text.ToString()).Concat(new byte[] { 0xC3, 0x28, 0xFF, 0x41, 0xF0, 0x9F, 0x98 }).ToArray();
        var expected = new StreamReader(new MemoryStream(bytes), encoding, detectEncodingFromByteOrderMarks: false).ReadToEnd();

        using var reader = new BytesReader(bytes, encoding);
        var actual = new StringBuilder();
        var buffer = new char[bufferSize];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            actual.Append(buffer, 0, read);
        }

        Assert.Equal(expected, actual.ToString());
    }
}
