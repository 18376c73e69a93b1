using System.Net;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Net;

/// <summary>
/// Which addresses webhooks may reach: public ones only, plus loopback when <c>Alerts:AllowInsecureWebhooks</c> is
/// on (local runs and tests). Used at registration and, through <see cref="WebhookConnectGuard"/>, at every connect.
/// </summary>
public sealed class WebhookAddressPolicy(IHostResolver resolver, IOptions<AlertsOptions> options)
{
    public bool AllowInsecure => options.Value.AllowInsecureWebhooks;

    /// <summary>Null when the address may be reached; otherwise why not.</summary>
    public string? Refusal(IPAddress address)
        => AllowInsecure && AddressClassifier.IsLoopback(address) ? null : AddressClassifier.NonPublicReason(address);

    /// <summary>Resolves the host and answers its addresses, or why it may not be reached: any refused address refuses the host.</summary>
    public async Task<(IPAddress[] Addresses, string? Refusal)> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
            }
            catch (System.Net.Sockets.SocketException)
            {
                return ([], $"the host {host} does not resolve");
            }
        }

        if (addresses.Length == 0)
        {
            return ([], $"the host {host} does not resolve");
        }

        foreach (var address in addresses)
        {
            if (Refusal(address) is { } reason)
            {
                return ([], $"the host {host} resolves to {address}, {reason}");
            }
        }

        return (addresses, null);
    }
}
