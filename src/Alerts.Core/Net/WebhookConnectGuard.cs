using System.Net.Sockets;

namespace Alerts.Core.Net;

/// <summary>
/// The <c>ConnectCallback</c> of the <c>webhooks</c> HTTP client: resolves the host itself and connects only to
/// addresses <see cref="WebhookAddressPolicy"/> allows. The check is on the address actually connected to, so a
/// name that resolved to a public address at registration and to an internal one later (DNS rebinding) is refused.
/// </summary>
public sealed class WebhookConnectGuard(WebhookAddressPolicy policy)
{
    public async ValueTask<Stream> ConnectAsync(System.Net.Http.SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var (addresses, refusal) = await policy.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"Webhook connection refused: {refusal}.");
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new HttpRequestException(HttpRequestError.ConnectionError, $"Could not connect to {host}:{context.DnsEndPoint.Port}: {last?.Message}", last);
    }
}
