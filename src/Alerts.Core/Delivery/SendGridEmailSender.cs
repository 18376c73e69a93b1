using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Alerts.Core.Delivery;

/// <summary>Sends through SendGrid's v3 API with its own client; <c>Alerts:SendGrid:Host</c> may point it at a local fake.</summary>
public sealed class SendGridEmailSender(ISendGridClient client, IOptions<AlertsOptions> options) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mail = MailHelper.CreateSingleEmail(
            new EmailAddress(options.Value.SendGrid.From),
            new EmailAddress(message.To),
            message.Subject,
            message.Text,
            message.Html);
        foreach (var (name, value) in message.Headers)
        {
            mail.AddHeader(name, value);
        }

        var response = await client.SendEmailAsync(mail, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Body.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new EmailSendException($"SendGrid answered {(int)response.StatusCode}: {body}");
        }
    }
}

public sealed class EmailSendException(string message) : Exception(message);
