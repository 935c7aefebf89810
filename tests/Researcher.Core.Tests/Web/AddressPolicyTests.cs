using System.Net;
using Researcher.Core.Web;

namespace Researcher.Core.Tests.Web;

public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.216.34")]
    [InlineData("1.1.1.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.169.0.1")]
    [InlineData("198.20.0.1")]
    [InlineData("223.255.255.254")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:830::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void Public_addresses_are_allowed(string address)
    {
        Assert.Null(AddressPolicy.RefusalOf(IPAddress.Parse(address)));
        Assert.True(AddressPolicy.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("0.0.0.0", "an unspecified address")]
    [InlineData("0.1.2.3", "an unspecified address")]
    [InlineData("10.0.0.1", "a private address")]
    [InlineData("100.64.0.1", "a shared (carrier-grade NAT) address")]
    [InlineData("100.100.100.200", "a shared (carrier-grade NAT) address")]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("127.255.255.255", "a loopback address")]
    [InlineData("169.254.169.254", "a link-local address")]
    [InlineData("172.16.0.1", "a private address")]
    [InlineData("172.31.255.255", "a private address")]
    [InlineData("192.0.0.8", "an IETF protocol address")]
    [InlineData("192.0.2.1", "a documentation address")]
    [InlineData("192.168.255.255", "a private address")]
    [InlineData("198.18.0.1", "a benchmarking address")]
    [InlineData("198.19.255.255", "a benchmarking address")]
    [InlineData("198.51.100.7", "a documentation address")]
    [InlineData("203.0.113.9", "a documentation address")]
    [InlineData("224.0.0.1", "a multicast address")]
    [InlineData("239.255.255.250", "a multicast address")]
    [InlineData("240.0.0.1", "a reserved address")]
    [InlineData("255.255.255.255", "the broadcast address")]
    [InlineData("::", "an unspecified address")]
    [InlineData("::1", "a loopback address")]
    [InlineData("::127.0.0.1", "an IPv4-compatible address")]
    [InlineData("::8.8.8.8", "an IPv4-compatible address")]
    [InlineData("::ffff:127.0.0.1", "a loopback address")]
    [InlineData("::ffff:169.254.169.254", "a link-local address")]
    [InlineData("::ffff:0:10.0.0.1", "an IPv4-translated address")]
    [InlineData("64:ff9b::7f00:1", "a loopback address")]
    [InlineData("64:ff9b::10.1.2.3", "a private address")]
    [InlineData("64:ff9b:1::1", "a local-use NAT64 address")]
    [InlineData("2002:7f00:1::1", "a loopback address")]
    [InlineData("2002:a9fe:a9fe::", "a link-local address")]
    [InlineData("2001::1", "a Teredo address")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", "a Teredo address")]
    [InlineData("2001:db8::1", "a documentation address")]
    [InlineData("3fff::1", "a documentation address")]
    [InlineData("fc00::1", "a unique-local address")]
    [InlineData("fd00:ec2::254", "a unique-local address")]
    [InlineData("fe80::1", "a link-local address")]
    [InlineData("fe80::1%2", "a link-local address")]
    [InlineData("fec0::1", "a site-local address")]
    [InlineData("ff02::1", "a multicast address")]
    [InlineData("100::1", "a reserved address")]
    [InlineData("4000::1", "a reserved address")]
    public void Addresses_off_the_public_internet_are_refused_with_the_range_named(string address, string refusal)
    {
        Assert.Equal(refusal, AddressPolicy.RefusalOf(IPAddress.Parse(address)));
        Assert.False(AddressPolicy.IsPublic(IPAddress.Parse(address)));
    }
}
