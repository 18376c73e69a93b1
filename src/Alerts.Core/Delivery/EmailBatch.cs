namespace Alerts.Core.Delivery;

/// <summary>
/// One content sent to many recipients: subject and parts may hold placeholders that each recipient's
/// <see cref="EmailRecipient.Substitutions"/> replace (their own manage and unsubscribe links).
/// </summary>
public sealed record EmailBatch(string From, string Subject, string Html, string Text, IReadOnlyList<EmailRecipient> Recipients)
{
    /// <summary>SendGrid's limit of personalizations per request.</summary>
    public const int MaxRecipients = 1000;

    public static EmailBatch Of(EmailMessage message)
        => new(message.From, message.Subject, message.Html, message.Text, [new EmailRecipient(message.MessageId, message.To, new Dictionary<string, string>(), message.Headers)]);

    /// <summary>The message one recipient gets, placeholders replaced.</summary>
    public EmailMessage For(EmailRecipient recipient)
        => new(recipient.MessageId, From, recipient.Address, recipient.Apply(Subject), recipient.Apply(Html), recipient.Apply(Text), recipient.Headers);
}

public sealed record EmailRecipient(
    string MessageId,
    string Address,
    IReadOnlyDictionary<string, string> Substitutions,
    IReadOnlyDictionary<string, string> Headers)
{
    public string Apply(string content)
        => Substitutions.Aggregate(content, (text, substitution) => text.Replace(substitution.Key, substitution.Value, StringComparison.Ordinal));
}
