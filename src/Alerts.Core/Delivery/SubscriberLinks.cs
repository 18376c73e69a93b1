using Alerts.Core.Subscriptions;

namespace Alerts.Core.Delivery;

/// <summary>The manage and one-click unsubscribe links an email carries, with tokens derived for the subscriber.</summary>
public sealed class SubscriberLinks(SubscriberTokens tokens)
{
    public Uri Manage(Uri publicBaseUrl, SubscriberEntity subscriber)
        => Link(publicBaseUrl, $"api/subscriptions/{Uri.EscapeDataString(subscriber.RowKey)}", tokens.Create(SubscriberTokens.Manage, subscriber.RowKey, subscriber.TokenGeneration));

    public Uri Unsubscribe(Uri publicBaseUrl, SubscriberEntity subscriber)
        => Link(publicBaseUrl, "api/unsubscribe", tokens.Create(SubscriberTokens.Unsubscribe, subscriber.RowKey, subscriber.TokenGeneration));

    /// <summary>The public base URL may be given with or without a trailing slash, and may have a path.</summary>
    private static Uri Link(Uri publicBaseUrl, string path, string token)
        => new($"{publicBaseUrl.AbsoluteUri.TrimEnd('/')}/{path}?token={Uri.EscapeDataString(token)}");
}
