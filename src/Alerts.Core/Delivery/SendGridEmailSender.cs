using SendGrid;
using SendGrid.Helpers.Mail;

namespace Alerts.Core.Delivery;

/// <summary>
/// Sends through SendGrid's v3 API with its own client; <c>Alerts:SendGrid:Host</c> may point it at a local fake.
/// A batch is one request: one personalization per recipient, with their own link substitutions and headers.
/// Retries (429, 5xx, timeouts) happen in the HTTP client's pipeline (<see cref="SendGridRetry"/>).
/// </summary>
public sealed class SendGridEmailSender(ISendGridClient client) : IEmailSender
{
    public const string ClientName = "sendgrid";

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        => SendBatchAsync(EmailBatch.Of(message), cancellationToken);

    public async Task SendBatchAsync(EmailBatch batch, CancellationToken cancellationToken)
    {
        if (batch.Recipients.Count is 0 or > EmailBatch.MaxRecipients)
        {
            throw new ArgumentException($"A batch has 1 to {EmailBatch.MaxRecipients} recipients, not {batch.Recipients.Count}.", nameof(batch));
        }

        var mail = new SendGridMessage
        {
            From = new SendGrid.Helpers.Mail.EmailAddress(batch.From),
            Subject = batch.Subject,
            PlainTextContent = batch.Text,
            HtmlContent = batch.Html,
            Personalizations = batch.Recipients.Select(r => new Personalization
            {
                Tos = [new SendGrid.Helpers.Mail.EmailAddress(r.Address)],
                Substitutions = r.Substitutions.Count > 0 ? new Dictionary<string, string>(r.Substitutions) : null,
                Headers = r.Headers.Count > 0 ? new Dictionary<string, string>(r.Headers) : null,
                CustomArgs = new Dictionary<string, string> { ["message_id"] = r.MessageId },
            }).ToList(),
        };
        var response = await client.SendEmailAsync(mail, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Body.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new EmailSendException($"SendGrid answered {(int)response.StatusCode}: {body}");
        }
    }
}
