using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Researcher.Core.Web;

namespace Researcher.Core.Tests.Web;

/// <summary>
/// The fetcher's view of the network, for tests: names resolve to fixed answers, and every name
/// looked up and every address connected to is recorded, so a test can prove that a refused address
/// was never connected to. Connections are real sockets (to a <c>LoopbackHttpServer</c>).
/// </summary>
internal sealed class NetworkSpy
{
    private readonly ConcurrentQueue<string> lookups = new();
    private readonly ConcurrentQueue<IPEndPoint> connections = new();

    /// <summary>The fixed DNS: a name (lower case) and its addresses. Other names do not resolve.</summary>
    public Dictionary<string, IPAddress[]> Names { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["internal.example"] = [IPAddress.Parse("10.0.0.5")],
        ["rebind.example"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("127.0.0.1")],
        ["metadata.example"] = [IPAddress.Parse("169.254.169.254")],
        ["metadata6.example"] = [IPAddress.Parse("fd00:ec2::254")],
        ["alibaba.example"] = [IPAddress.Parse("100.100.100.200")],
        ["loopback6.example"] = [IPAddress.Parse("::1")],
        ["mapped.example"] = [IPAddress.Parse("::ffff:192.168.0.1")],
        ["nat64.example"] = [IPAddress.Parse("64:ff9b::a00:1")],
        ["linklocal6.example"] = [IPAddress.Parse("fe80::1")],
        ["127.0.0.1.nip.io"] = [IPAddress.Parse("127.0.0.1")],
        ["zero.example"] = [IPAddress.Parse("0.0.0.0")],
        ["private-last.example"] = [IPAddress.Parse("8.8.8.8"), IPAddress.Parse("2606:4700::1111"), IPAddress.Parse("192.168.1.1")],
        ["public.example"] = [IPAddress.Parse("93.184.216.34")],
    };

    /// <summary>The names looked up, in order.</summary>
    public IReadOnlyList<string> Lookups => [.. lookups];

    /// <summary>The addresses connected to (or tried), in order.</summary>
    public IReadOnlyList<IPEndPoint> Connections => [.. connections];

    public SafeHttpFetcher Fetcher(WebFetchOptions options) =>
        new(Options.Create(options), ResolveAsync, ConnectAsync);

    private ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        lookups.Enqueue(host);
        return Names.TryGetValue(host, out var addresses)
            ? ValueTask.FromResult(addresses)
            : ValueTask.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }

    private async ValueTask<Stream> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        connections.Enqueue(endpoint);
        if (!IPAddress.IsLoopback(endpoint.Address))
            throw new InvalidOperationException($"The test tried to leave the machine: {endpoint}.");
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
