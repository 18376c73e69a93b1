namespace Alerts.Core.Delivery;

/// <summary>One email, ready to send. <see cref="Headers"/> are extra headers such as List-Unsubscribe.</summary>
public sealed record EmailMessage(
    string MessageId,
    string From,
    string To,
    string Subject,
    string Html,
    string Text,
    IReadOnlyDictionary<string, string> Headers);

public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
