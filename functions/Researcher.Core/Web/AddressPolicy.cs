using System.Net;
using System.Net.Sockets;

namespace Researcher.Core.Web;

/// <summary>
/// Decides whether the web reader may connect to an IP address: only addresses on the public
/// internet are allowed, so a page, a redirect or a DNS answer cannot make the service read from the
/// machine it runs on, its private network or its cloud's metadata endpoint (server-side request
/// forgery).
/// </summary>
/// <remarks>
/// <para>
/// Refused IPv4 ranges: unspecified 0.0.0.0/8, private 10/8, 172.16/12 and 192.168/16, shared
/// (carrier-grade NAT) 100.64/10, loopback 127/8, link-local 169.254/16, IETF protocol assignments
/// 192.0.0/24, documentation 192.0.2/24, 198.51.100/24 and 203.0.113/24, benchmarking 198.18/15,
/// multicast 224/4, reserved 240/4 and the broadcast address 255.255.255.255.
/// </para>
/// <para>
/// IPv6 is allowed only inside global unicast 2000::/3, which leaves out the unspecified address
/// <c>::</c>, loopback <c>::1</c>, unique-local fc00::/7, link-local fe80::/10, the old site-local
/// fec0::/10, multicast ff00::/8 and everything unassigned. Inside 2000::/3, Teredo 2001::/32 and
/// documentation 2001:db8::/32 and 3fff::/20 are refused. Addresses that carry an IPv4 address are
/// judged by it: IPv4-mapped <c>::ffff:a.b.c.d</c>, NAT64 64:ff9b::/96 and 6to4 2002::/16 (the
/// address in bits 16 to 47). The deprecated IPv4-compatible form <c>::a.b.c.d</c> is refused
/// outright, whatever it embeds, as are the local-use NAT64 prefix 64:ff9b:1::/48 and the IPv4-
/// translated form <c>::ffff:0:a.b.c.d</c>.
/// </para>
/// <para>
/// The cloud metadata endpoints fall in these ranges and so are refused: 169.254.169.254 (AWS,
/// Azure, Google Cloud and others; link-local), fd00:ec2::254 (AWS over IPv6; unique-local) and
/// 100.100.100.200 (Alibaba Cloud; shared address space).
/// </para>
/// </remarks>
public static class AddressPolicy
{
    private static readonly (IPNetwork Network, string Name)[] RefusedIPv4 =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address"),
        (IPNetwork.Parse("100.64.0.0/10"), "a shared (carrier-grade NAT) address"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address"),
        (IPNetwork.Parse("192.0.0.0/24"), "an IETF protocol address"),
        (IPNetwork.Parse("192.0.2.0/24"), "a documentation address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address"),
        (IPNetwork.Parse("198.18.0.0/15"), "a benchmarking address"),
        (IPNetwork.Parse("198.51.100.0/24"), "a documentation address"),
        (IPNetwork.Parse("203.0.113.0/24"), "a documentation address"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("255.255.255.255/32"), "the broadcast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved address"),
    ];

    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork IPv4Compatible = IPNetwork.Parse("::/96");

    private static readonly (IPNetwork Network, string Name)[] RefusedIPv6 =
    [
        (IPNetwork.Parse("::ffff:0:0:0/96"), "an IPv4-translated address"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "a local-use NAT64 address"),
        (IPNetwork.Parse("fc00::/7"), "a unique-local address"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("fec0::/10"), "a site-local address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
        (IPNetwork.Parse("2001::/32"), "a Teredo address"),
        (IPNetwork.Parse("2001:db8::/32"), "a documentation address"),
        (IPNetwork.Parse("3fff::/20"), "a documentation address"),
    ];

    /// <summary>True when <paramref name="address"/> is on the public internet and may be connected to.</summary>
    public static bool IsPublic(IPAddress address) => RefusalOf(address) is null;

    /// <summary>
    /// Why <paramref name="address"/> is refused, as a phrase such as "a loopback address" (fit for a
    /// message), or null when it is public.
    /// </summary>
    public static string? RefusalOf(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return RefusalOfIPv4(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return "not an IP address";

        if (address.IsIPv4MappedToIPv6)
            return RefusalOfIPv4(address.MapToIPv4());
        if (address.Equals(IPAddress.IPv6None))
            return "an unspecified address";
        if (address.Equals(IPAddress.IPv6Loopback))
            return "a loopback address";
        if (IPv4Compatible.Contains(address))
            return "an IPv4-compatible address";
        if (Nat64.Contains(address))
            return RefusalOfIPv4(EmbeddedIPv4(address, offset: 12));
        if (SixToFour.Contains(address))
            return RefusalOfIPv4(EmbeddedIPv4(address, offset: 2));
        foreach (var (network, name) in RefusedIPv6)
        {
            if (network.Contains(address))
                return name;
        }
        return GlobalUnicast.Contains(address) ? null : "a reserved address";
    }

    private static string? RefusalOfIPv4(IPAddress address)
    {
        foreach (var (network, name) in RefusedIPv4)
        {
            if (network.Contains(address))
                return name;
        }
        return null;
    }

    private static IPAddress EmbeddedIPv4(IPAddress address, int offset) =>
        new(address.GetAddressBytes().AsSpan(offset, 4));
}
