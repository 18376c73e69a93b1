namespace Alerts.Core.Delivery;

/// <summary>One email, ready to send. <see cref="Headers"/> are extra headers such as List-Unsubscribe.</summary>
public sealed record EmailMessage(
    string MessageId,
    string From,
    string To,
    string Subject,
    string Html,
    string Text,
    IReadOnlyDictionary<string, string> Headers)
{
    public const string ListUnsubscribe = "List-Unsubscribe";
    public const string ListUnsubscribePost = "List-Unsubscribe-Post";

    /// <summary>RFC 2369 and RFC 8058 one-click unsubscribe: mail clients POST <c>List-Unsubscribe=One-Click</c> to the link.</summary>
    public static IReadOnlyDictionary<string, string> UnsubscribeHeaders(Uri unsubscribe) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ListUnsubscribe] = $"<{unsubscribe.AbsoluteUri}>",
        [ListUnsubscribePost] = "List-Unsubscribe=One-Click",
    };
}
