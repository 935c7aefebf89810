using Microsoft.AspNetCore.Http;
using Researcher.Core.Web;
using Researcher.Testing;

namespace Researcher.Core.Tests.Web;

/// <summary>
/// URLs that must never be read, in every spelling that reaches a refused address: each is refused
/// with the right reason, and no connection is ever opened to it.
/// </summary>
public sealed class SsrfCorpusTests
{
    /// <summary>IP literals in every notation <see cref="Uri"/> accepts, all naming refused addresses.</summary>
    public static TheoryData<string> Literals => new()
    {
        // IPv4 loopback, dotted and in every other notation Uri normalises.
        "http://127.0.0.1/",
        "http://127.0.0.1:8080/admin",
        "https://127.0.0.1/",
        "http://127.255.255.254/",
        "http://127.000.000.001/",
        "http://2130706433/",
        "http://0177.0.0.1/",
        "http://0x7f.0.0.1/",
        "http://0x7F000001/",
        "http://017700000001/",
        "http://127.1/",
        "http://127.0.1/",
        "http://0x7f.1/",
        "http://0177.1/",
        "http://0177.0x0.0.1/",
        "http://0x7f.0.0x0.01/",
        "http://127.0.0.1./",
        // Unspecified and broadcast.
        "http://0/",
        "http://0.0.0.0/",
        "http://0.0.0.0:80/",
        "http://255.255.255.255/",
        // Private networks.
        "http://10.0.0.1/",
        "http://10.255.255.255/",
        "http://012.0.0.1/",
        "http://167772161/",
        "http://172.16.0.1/",
        "http://172.31.255.255/",
        "http://192.168.0.1/",
        "http://192.168.1.1:443/",
        "http://0xc0.0xa8.0x1.0x1/",
        // Cloud metadata and link-local.
        "http://169.254.169.254/latest/meta-data/",
        "http://169.254.169.254/metadata/instance?api-version=2021-02-01",
        "http://2852039166/",
        "http://0xa9fea9fe/",
        "http://0251.0376.0251.0376/",
        "http://169.254.0.1/",
        "http://100.100.100.200/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        // Shared address space, multicast, reserved, benchmarking, documentation, IETF.
        "http://100.64.0.1/",
        "http://100.127.255.254/",
        "http://224.0.0.1/",
        "http://239.255.255.250:1900/",
        "http://240.0.0.1/",
        "http://198.18.0.1/",
        "http://192.0.2.1/",
        "http://198.51.100.1/",
        "http://203.0.113.1/",
        "http://192.0.0.170/",
        // IPv6 loopback and unspecified, short and long.
        "http://[::1]/",
        "http://[::1]:8080/",
        "https://[::1]:8443/",
        "http://[0:0:0:0:0:0:0:1]/",
        "http://[0000:0000:0000:0000:0000:0000:0000:0001]/",
        "http://[::]/",
        "http://[0:0:0:0:0:0:0:0]/",
        // IPv4 inside IPv6.
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://[0:0:0:0:0:ffff:7f00:1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[::ffff:a9fe:a9fe]/",
        "http://[::ffff:10.0.0.1]/",
        "http://[::ffff:0:7f00:1]/",
        "http://[::127.0.0.1]/",
        "http://[::7f00:1]/",
        "http://[::8.8.8.8]/",
        "http://[64:ff9b::127.0.0.1]/",
        "http://[64:ff9b::a9fe:a9fe]/",
        "http://[64:ff9b:1::1]/",
        "http://[2002:7f00:1::]/",
        "http://[2002:a9fe:a9fe::1]/",
        "http://[2002:c0a8:101::1]/",
        // IPv6 local, Teredo, documentation, multicast.
        "http://[2001::1]/",
        "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
        "http://[2001:db8::1]/",
        "http://[fc00::1]/",
        "http://[fd12:3456:789a::1]/",
        "http://[fe80::1]/",
        "http://[fe80::1%25eth0]/",
        "http://[fe80::1%251]/",
        "http://[fec0::1]/",
        "http://[ff02::1]/",
        "http://[ff05::1:3]/",
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public async Task An_address_literal_off_the_public_internet_is_refused_without_connecting(string url)
    {
        var network = new NetworkSpy();
        using var fetcher = network.Fetcher(new WebFetchOptions());

        var refusal = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.FetchAsync(new Uri(url), CancellationToken.None));

        Assert.Equal(FetchRefusalReason.BlockedAddress, refusal.Reason);
        Assert.Empty(network.Connections);
        Assert.Empty(network.Lookups);
    }

    [Theory]
    [InlineData("http://2130706433/")]
    [InlineData("http://0177.0.0.1/")]
    [InlineData("http://0x7f.0.0.1/")]
    [InlineData("http://127.1/")]
    [InlineData("http://0x7f.1/")]
    [InlineData("http://017700000001/")]
    public void Uri_normalises_numeric_notations_to_the_dotted_address_the_policy_checks(string url)
    {
        var uri = new Uri(url);

        Assert.Equal(UriHostNameType.IPv4, uri.HostNameType);
        Assert.Equal("127.0.0.1", uri.Host);
    }

    /// <summary>Names whose answers hold at least one refused address (see <see cref="NetworkSpy.Names"/>).</summary>
    public static TheoryData<string> PrivateNames => new()
    {
        "http://internal.example/",
        "http://rebind.example/",
        "http://metadata.example/latest/meta-data/",
        "http://metadata6.example/",
        "http://alibaba.example/",
        "http://loopback6.example/",
        "http://mapped.example/",
        "http://nat64.example/",
        "http://linklocal6.example/",
        "http://127.0.0.1.nip.io/",
        "http://zero.example/",
        "https://private-last.example/",
        "http://INTERNAL.example:8080/",
    };

    [Theory]
    [MemberData(nameof(PrivateNames))]
    public async Task A_name_resolving_to_any_refused_address_is_refused_without_connecting(string url)
    {
        var network = new NetworkSpy();
        using var fetcher = network.Fetcher(new WebFetchOptions());

        var refusal = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.FetchAsync(new Uri(url), CancellationToken.None));

        Assert.Equal(FetchRefusalReason.BlockedAddress, refusal.Reason);
        Assert.Contains("resolves to", refusal.Message);
        Assert.Single(network.Lookups);
        Assert.Empty(network.Connections);
    }

    public static TheoryData<string, FetchRefusalReason> BadUrls => new()
    {
        { "file:///etc/passwd", FetchRefusalReason.Scheme },
        { "ftp://example.com/file.txt", FetchRefusalReason.Scheme },
        { "gopher://127.0.0.1:6379/_INFO", FetchRefusalReason.Scheme },
        { "ws://example.com/socket", FetchRefusalReason.Scheme },
        { "data:text/html,<p>hi</p>", FetchRefusalReason.Scheme },
        { "javascript:alert(1)", FetchRefusalReason.Scheme },
        { "http://user:secret@example.com/", FetchRefusalReason.Credentials },
        { "http://user@example.com/", FetchRefusalReason.Credentials },
        { "https://:secret@example.com/", FetchRefusalReason.Credentials },
        { "http://example.com@127.0.0.1/", FetchRefusalReason.Credentials },
    };

    [Theory]
    [MemberData(nameof(BadUrls))]
    public async Task A_url_with_another_scheme_or_with_credentials_is_refused_before_any_lookup(string url, FetchRefusalReason reason)
    {
        var network = new NetworkSpy();
        using var fetcher = network.Fetcher(new WebFetchOptions());

        var refusal = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.FetchAsync(new Uri(url), CancellationToken.None));

        Assert.Equal(reason, refusal.Reason);
        Assert.DoesNotContain("secret", refusal.Message);
        Assert.Empty(network.Lookups);
        Assert.Empty(network.Connections);
    }

    /// <summary>Redirect targets an allowed server might send; <c>{port}</c> becomes another, closed port on loopback.</summary>
    public static TheoryData<string, FetchRefusalReason> RedirectTargets => new()
    {
        { "http://169.254.169.254/latest/meta-data/", FetchRefusalReason.BlockedAddress },
        { "//169.254.169.254/latest/meta-data/", FetchRefusalReason.BlockedAddress },
        { "http://[::1]/", FetchRefusalReason.BlockedAddress },
        { "http://[::ffff:127.0.0.1]/", FetchRefusalReason.BlockedAddress },
        { "http://2130706433/", FetchRefusalReason.BlockedAddress },
        { "http://127.0.0.1:{port}/", FetchRefusalReason.BlockedAddress },
        { "http://internal.example/", FetchRefusalReason.BlockedAddress },
        { "http://rebind.example/", FetchRefusalReason.BlockedAddress },
        { "http://metadata.example/", FetchRefusalReason.BlockedAddress },
        { "file:///etc/passwd", FetchRefusalReason.Scheme },
        { "gopher://127.0.0.1:6379/_INFO", FetchRefusalReason.Scheme },
        { "http://admin:secret@public.example/", FetchRefusalReason.Credentials },
    };

    [Theory]
    [MemberData(nameof(RedirectTargets))]
    public async Task A_redirect_from_an_allowed_host_to_a_refused_url_is_refused_without_following_it(string target, FetchRefusalReason reason)
    {
        var otherPort = FreeLoopbackPort();
        await using var server = await LoopbackHttpServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = target.Replace("{port}", otherPort.ToString());
            return Task.CompletedTask;
        });
        var network = new NetworkSpy();
        using var fetcher = network.Fetcher(new WebFetchOptions { AllowedHosts = [server.BaseAddress.Authority] });

        var refusal = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.FetchAsync(new Uri(server.BaseAddress, "start"), CancellationToken.None));

        Assert.Equal(reason, refusal.Reason);
        Assert.DoesNotContain("secret", refusal.Message);
        Assert.Single(server.Requests);
        Assert.All(network.Connections, endpoint => Assert.Equal(server.BaseAddress.Port, endpoint.Port));
    }

    [Fact]
    public async Task The_system_resolver_is_used_by_default_and_localhost_is_refused()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context => context.Response.WriteAsync("secret"));
        using var fetcher = new SafeHttpFetcher(Microsoft.Extensions.Options.Options.Create(new WebFetchOptions()));

        var refusal = await Assert.ThrowsAsync<FetchRefusedException>(
            () => fetcher.FetchAsync(new Uri($"http://localhost:{server.BaseAddress.Port}/"), CancellationToken.None));

        Assert.Equal(FetchRefusalReason.BlockedAddress, refusal.Reason);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_loopback_server_that_is_not_allow_listed_is_refused()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context => context.Response.WriteAsync("secret"));
        var network = new NetworkSpy();
        using var fetcher = network.Fetcher(new WebFetchOptions { AllowedHosts = ["127.0.0.1:1"] });

        var refusal = await Assert.ThrowsAsync<FetchRefusedException>(() => fetcher.FetchAsync(server.BaseAddress, CancellationToken.None));

        Assert.Equal(FetchRefusalReason.BlockedAddress, refusal.Reason);
        Assert.Empty(server.Requests);
        Assert.Empty(network.Connections);
    }

    internal static int FreeLoopbackPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
