using System.Net;
using Alerts.Core.Net;

namespace Alerts.Core.Feeds;

/// <summary>
/// Keeps feed requests off the app's own network (SSRF) with the same address rules as webhooks: the check runs
/// when a connection is made, on the addresses the name resolves to, so redirects and DNS tricks cannot route
/// around it. Any non-public address refuses the host, so a name cannot mix a public and an internal answer.
/// </summary>
public static class FeedAddressGuard
{
    public static bool IsPrivate(IPAddress address) => AddressClassifier.NonPublicReason(address) is not null;

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that connects only to public addresses.</summary>
    public static async ValueTask<Stream> ConnectPublicOnlyAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        foreach (var address in addresses)
        {
            if (AddressClassifier.NonPublicReason(address) is { } reason)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, $"{host} resolves to {reason}, which feeds may not use.");
            }
        }

        return await AddressConnector.ConnectAsync(addresses, context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
    }
}
