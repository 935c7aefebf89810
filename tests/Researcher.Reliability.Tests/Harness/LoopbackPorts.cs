using System.Net;
using System.Net.Sockets;

namespace Researcher.Reliability.Tests.Harness;

/// <summary>Free TCP ports on 127.0.0.1, chosen by the operating system.</summary>
public static class LoopbackPorts
{
    /// <summary><paramref name="count"/> distinct ports, free when this returns (held open together so none repeats).</summary>
    public static int[] Free(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var listener in listeners) listener.Start();
            return listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }
}
