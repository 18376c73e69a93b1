namespace Alerts.Core.Net;

/// <summary>
/// The <c>ConnectCallback</c> of the <c>webhooks</c> HTTP client: resolves the host itself and connects only to
/// addresses <see cref="WebhookAddressPolicy"/> allows. The check is on the address actually connected to, so a
/// name that resolved to a public address at registration and to an internal one later (DNS rebinding) is refused.
/// </summary>
public sealed class WebhookConnectGuard(WebhookAddressPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var (addresses, refusal) = await policy.ResolveAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"Webhook connection refused: {refusal}.");
        }

        return await AddressConnector.ConnectAsync(addresses, context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
    }
}
