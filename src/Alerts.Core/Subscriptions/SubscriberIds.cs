namespace Alerts.Core.Subscriptions;

/// <summary>Subscriber ids are 32 lowercase hex characters; anything else is refused before it reaches a table key.</summary>
public static class SubscriberIds
{
    public const int Length = 32;

    public static string NewWebhookId() => Guid.NewGuid().ToString("N");

    public static bool IsWellFormed(string? id) => id is { Length: Length } && id.All(char.IsAsciiHexDigitLower);

    /// <summary>The id a token starts with, when it is well formed.</summary>
    public static string? FromToken(string? token) => SubscriberTokens.SubscriberIdOf(token) is { } id && IsWellFormed(id) ? id : null;
}
