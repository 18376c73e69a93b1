using System.Net;
using System.Net.Sockets;

namespace Alerts.Core.Net;

/// <summary>
/// Decides whether an IP address is a public internet address a webhook may be sent to. Everything else (loopback,
/// private, CGNAT, link-local including the cloud metadata address, multicast, reserved and documentation ranges)
/// is refused, including IPv6 forms that carry such an IPv4 address (mapped, compatible, NAT64, 6to4).
/// </summary>
public static class AddressClassifier
{
    private static readonly (IPNetwork Network, string Reason)[] Ipv4Blocks =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified (\"this network\") address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private (RFC 1918) address"),
        (IPNetwork.Parse("100.64.0.0/10"), "a carrier-grade NAT (RFC 6598) address"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address (this includes cloud metadata services)"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private (RFC 1918) address"),
        (IPNetwork.Parse("192.0.0.0/24"), "an IETF protocol assignment address"),
        (IPNetwork.Parse("192.0.2.0/24"), "a documentation address"),
        (IPNetwork.Parse("192.88.99.0/24"), "a 6to4 relay anycast address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private (RFC 1918) address"),
        (IPNetwork.Parse("198.18.0.0/15"), "a benchmarking address"),
        (IPNetwork.Parse("198.51.100.0/24"), "a documentation address"),
        (IPNetwork.Parse("203.0.113.0/24"), "a documentation address"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved address (this includes broadcast)"),
    ];

    private static readonly IPNetwork GlobalUnicastV6 = IPNetwork.Parse("2000::/3");

    private static readonly (IPNetwork Network, string Reason)[] Ipv6Blocks =
    [
        (IPNetwork.Parse("2001::/32"), "a Teredo tunnel address"),
        (IPNetwork.Parse("2001:2::/48"), "a benchmarking address"),
        (IPNetwork.Parse("2001:10::/28"), "an ORCHID address"),
        (IPNetwork.Parse("2001:20::/28"), "an ORCHID address"),
        (IPNetwork.Parse("2001:db8::/32"), "a documentation address"),
        (IPNetwork.Parse("3fff::/20"), "a documentation address"),
    ];

    private static readonly IPNetwork Nat64WellKnown = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork Nat64Local = IPNetwork.Parse("64:ff9b:1::/48");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork UniqueLocal = IPNetwork.Parse("fc00::/7");
    private static readonly IPNetwork LinkLocalV6 = IPNetwork.Parse("fe80::/10");
    private static readonly IPNetwork SiteLocalV6 = IPNetwork.Parse("fec0::/10");
    private static readonly IPNetwork MulticastV6 = IPNetwork.Parse("ff00::/8");
    private static readonly IPNetwork Ipv4CompatibleV6 = IPNetwork.Parse("::/96");

    public static bool IsLoopback(IPAddress address) => IPAddress.IsLoopback(Unwrap(address));

    /// <summary>Null for a public address; otherwise why it is not one, in words fit for an error message.</summary>
    public static string? NonPublicReason(IPAddress address)
    {
        address = Unwrap(address);
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => Ipv4Reason(address),
            AddressFamily.InterNetworkV6 => Ipv6Reason(address),
            _ => "not an IP address",
        };
    }

    /// <summary>The IPv4 address an IPv6 address stands for when it is a mapped or compatible form; else the address itself.</summary>
    private static IPAddress Unwrap(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        // ::a.b.c.d (deprecated IPv4-compatible); :: and ::1 themselves stay IPv6.
        var bytes = address.GetAddressBytes();
        if (Ipv4CompatibleV6.Contains(address) && (bytes[12] | bytes[13]) != 0)
        {
            return new IPAddress(bytes[12..]);
        }

        return address;
    }

    private static string? Ipv4Reason(IPAddress address)
    {
        foreach (var (network, reason) in Ipv4Blocks)
        {
            if (network.Contains(address))
            {
                return reason;
            }
        }

        return null;
    }

    private static string? Ipv6Reason(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Any))
        {
            return "an unspecified address";
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "a loopback address";
        }

        if (Nat64WellKnown.Contains(address))
        {
            // The well-known NAT64 prefix reaches the IPv4 address in its last 32 bits: judge that one.
            return Ipv4Reason(new IPAddress(address.GetAddressBytes()[12..])) is { } reason ? "a NAT64 form of " + reason : null;
        }

        if (Nat64Local.Contains(address))
        {
            return "a local-use NAT64 address";
        }

        if (SixToFour.Contains(address))
        {
            return Ipv4Reason(new IPAddress(address.GetAddressBytes()[2..6])) is { } reason ? "a 6to4 form of " + reason : null;
        }

        if (UniqueLocal.Contains(address))
        {
            return "a unique local (private IPv6) address";
        }

        if (LinkLocalV6.Contains(address) || SiteLocalV6.Contains(address))
        {
            return "a link-local address";
        }

        if (MulticastV6.Contains(address))
        {
            return "a multicast address";
        }

        if (!GlobalUnicastV6.Contains(address))
        {
            return "a reserved IPv6 address";
        }

        foreach (var (network, reason) in Ipv6Blocks)
        {
            if (network.Contains(address))
            {
                return reason;
            }
        }

        return null;
    }
}
