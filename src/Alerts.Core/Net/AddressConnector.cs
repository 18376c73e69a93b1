using System.Net;
using System.Net.Sockets;

namespace Alerts.Core.Net;

/// <summary>Connects to the first of already-checked addresses that answers, for the guarded HTTP clients' <c>ConnectCallback</c>s.</summary>
public static class AddressConnector
{
    public static async ValueTask<Stream> ConnectAsync(IReadOnlyList<IPAddress> addresses, DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, endPoint.Port, cancellationToken).ConfigureAwait(false);
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

        throw new HttpRequestException(HttpRequestError.ConnectionError, $"Could not connect to {endPoint.Host}:{endPoint.Port}: {last?.Message}", last);
    }
}
