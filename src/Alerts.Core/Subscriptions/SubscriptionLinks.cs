using Microsoft.Extensions.Options;

namespace Alerts.Core.Subscriptions;

/// <summary>The public URLs of the subscription pages, under <c>Alerts:PublicBaseUrl</c>.</summary>
public sealed class SubscriptionLinks(IOptions<AlertsOptions> options)
{
    public Uri Confirm(string token) => At($"api/subscriptions/confirm?token={Uri.EscapeDataString(token)}");

    public Uri Manage(string subscriberId, string token) => At($"api/subscriptions/{subscriberId}?token={Uri.EscapeDataString(token)}");

    public Uri Unsubscribe(string token) => At($"api/unsubscribe?token={Uri.EscapeDataString(token)}");

    public Uri Webhook(string id) => At($"api/webhooks/{id}");

    private Uri At(string relative) => new(options.Value.PublicBaseUrl, relative);
}
