using Microsoft.Extensions.Options;
using MimeKit;

namespace Alerts.Core.Delivery;

/// <summary>Writes each email to the outbox folder as <c>.eml</c> (all headers, both parts) plus its <c>.html</c>: used when no SendGrid key is set.</summary>
public sealed class FileOutboxSender(IOptions<AlertsOptions> options, TimeProvider time) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(options.Value.OutboxPath);
        Directory.CreateDirectory(folder);
        var mime = ToMime(message, time.GetUtcNow());
        var name = $"{time.GetUtcNow():yyyyMMddTHHmmssfff}-{message.MessageId}";

        // Write under a temporary name and rename, so a reader never sees a half-written message.
        var eml = Path.Combine(folder, name + ".eml");
        var partial = eml + ".partial";
        await mime.WriteToAsync(partial, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, name + ".html"), message.Html, cancellationToken).ConfigureAwait(false);
        File.Move(partial, eml, overwrite: true);
    }

    public static MimeMessage ToMime(EmailMessage message, DateTimeOffset date)
    {
        var mime = new MimeMessage
        {
            MessageId = message.MessageId + "@alerts",
            Subject = message.Subject,
            Date = date,
        };
        mime.From.Add(MailboxAddress.Parse(message.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        foreach (var (name, value) in message.Headers)
        {
            mime.Headers.Add(name, value);
        }

        mime.Body = new BodyBuilder { HtmlBody = message.Html, TextBody = message.Text }.ToMessageBody();
        return mime;
    }
}
