using Alerts.Core.Delivery;
using Alerts.Core.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Alerts.Core.Tests.Delivery;

public sealed class FileOutboxSenderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 10, 25, 9, 30, 15, 123, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _time = new(Now);

    public void Dispose() => _temp.Dispose();

    private string Outbox => Path.Combine(_temp.Path, "outbox");

    private FileOutboxSender Sender() => new(Options.Create(new AlertsOptions { OutboxPath = Outbox }), _time);

    private static EmailMessage Message(string subject = "2 new trade-policy alerts: Tariffs rise")
        => new(
            "sub-1-638962",
            "alerts@example.com",
            "reader@example.org",
            subject,
            "<!DOCTYPE html><html><body><h1>Tariffs rise</h1></body></html>",
            "Tariffs rise\n",
            new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = "<https://alerts.example.org/unsubscribe?id=sub-1>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            });

    /// <summary>The header lines of a message as written, whatever its line ending (MimeKit writes the platform's).</summary>
    private static List<string> HeaderLines(string raw)
        => raw.Split('\n').Select(line => line.EndsWith('\r') ? line[..^1] : line).TakeWhile(line => line.Length > 0).ToList();

    [Fact]
    public async Task Writes_one_eml_and_one_html_and_no_partial_file()
    {
        await Sender().SendAsync(Message(), CancellationToken.None);

        var files = Directory.GetFiles(Outbox).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["20251025T093015123-sub-1-638962.eml", "20251025T093015123-sub-1-638962.html"], files);
        Assert.Empty(Directory.GetFiles(Outbox, "*.partial"));
    }

    [Fact]
    public async Task Html_file_holds_the_html_body()
    {
        var message = Message();

        await Sender().SendAsync(message, CancellationToken.None);

        var html = Assert.Single(Directory.GetFiles(Outbox, "*.html"));
        Assert.Equal(message.Html, await File.ReadAllTextAsync(html));
    }

    [Fact]
    public async Task Eml_has_addresses_subject_message_id_date_and_extra_headers()
    {
        await Sender().SendAsync(Message(), CancellationToken.None);

        var eml = Assert.Single(Directory.GetFiles(Outbox, "*.eml"));
        var lines = HeaderLines(await File.ReadAllTextAsync(eml));
        Assert.Contains("From: alerts@example.com", lines);
        Assert.Contains("To: reader@example.org", lines);
        Assert.Contains("Subject: 2 new trade-policy alerts: Tariffs rise", lines);
        Assert.Contains("Message-Id: <sub-1-638962@alerts>", lines);
        Assert.Contains("List-Unsubscribe: <https://alerts.example.org/unsubscribe?id=sub-1>", lines);
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click", lines);

        using var stream = File.OpenRead(eml);
        using var mime = await MimeMessage.LoadAsync(stream);
        Assert.Equal("sub-1-638962@alerts", mime.MessageId);
        Assert.Equal(Now.ToUnixTimeSeconds(), mime.Date.ToUnixTimeSeconds());
        Assert.Equal("alerts@example.com", Assert.Single(mime.From.Mailboxes).Address);
        Assert.Equal("reader@example.org", Assert.Single(mime.To.Mailboxes).Address);
        Assert.Empty(mime.Cc);
        Assert.Empty(mime.Bcc);
    }

    [Fact]
    public async Task Eml_is_multipart_alternative_with_text_and_html_parts()
    {
        var message = Message();

        await Sender().SendAsync(message, CancellationToken.None);

        using var stream = File.OpenRead(Assert.Single(Directory.GetFiles(Outbox, "*.eml")));
        using var mime = await MimeMessage.LoadAsync(stream);
        var alternative = Assert.IsType<MultipartAlternative>(mime.Body);
        Assert.Equal("multipart/alternative", alternative.ContentType.MimeType);
        var parts = alternative.OfType<TextPart>().ToList();
        Assert.Equal(2, parts.Count);
        Assert.Contains(parts, p => p.ContentType.MimeType == "text/plain" && p.Text == message.Text);
        Assert.Contains(parts, p => p.ContentType.MimeType == "text/html" && p.Text == message.Html);
        Assert.Equal(message.Text, mime.TextBody);
        Assert.Equal(message.Html, mime.HtmlBody);
    }

    [Theory]
    [InlineData("Hi\r\nBcc: evil@example.com")]
    [InlineData("Hi\nBcc: evil@example.com")]
    [InlineData("Hi\rBcc: evil@example.com")]
    public async Task Line_breaks_in_the_subject_cannot_inject_headers(string subject)
    {
        await Sender().SendAsync(Message(subject), CancellationToken.None);

        var eml = Assert.Single(Directory.GetFiles(Outbox, "*.eml"));
        var raw = await File.ReadAllTextAsync(eml);
        var headers = HeaderLines(raw);
        Assert.Contains(headers, line => line.StartsWith("Subject:", StringComparison.Ordinal));
        Assert.DoesNotContain(headers, line => line.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(headers, line => line.Contains('\r', StringComparison.Ordinal));

        using var stream = File.OpenRead(eml);
        using var mime = await MimeMessage.LoadAsync(stream);
        Assert.Empty(mime.Bcc);
        Assert.False(mime.Headers.Contains(HeaderId.Bcc));
        Assert.Equal("reader@example.org", Assert.Single(mime.To.Mailboxes).Address);
        Assert.Contains("evil@example.com", mime.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_message_gets_its_own_files()
    {
        var sender = Sender();

        await sender.SendAsync(Message(), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        await sender.SendAsync(Message(), CancellationToken.None);

        Assert.Equal(2, Directory.GetFiles(Outbox, "*.eml").Length);
        Assert.Equal(2, Directory.GetFiles(Outbox, "*.html").Length);
        Assert.Empty(Directory.GetFiles(Outbox, "*.partial"));
    }

    [Fact]
    public void ToMime_sets_the_given_date()
    {
        var date = new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.Zero);

        var mime = FileOutboxSender.ToMime(Message(), date);

        Assert.Equal(date, mime.Date);
        Assert.Equal("<https://alerts.example.org/unsubscribe?id=sub-1>", mime.Headers["List-Unsubscribe"]);
    }
}
