namespace Alerts.Core.Delivery;

/// <summary>
/// Sends email. A <see cref="EmailSendException"/> means the provider refused the mail for certain (nothing went
/// out); any other exception leaves it unknown whether it went out.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);

    /// <summary>Sends one content to up to <see cref="EmailBatch.MaxRecipients"/> recipients; senders without batching send one by one.</summary>
    async Task SendBatchAsync(EmailBatch batch, CancellationToken cancellationToken)
    {
        foreach (var recipient in batch.Recipients)
        {
            await SendAsync(batch.For(recipient), cancellationToken).ConfigureAwait(false);
        }
    }
}

public sealed class EmailSendException(string message) : Exception(message);
