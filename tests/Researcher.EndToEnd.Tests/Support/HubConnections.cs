using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;

namespace Researcher.EndToEnd.Tests.Support;

/// <summary>
/// A hub filter that keeps the host's open hub connections, so a test can drop them server-side:
/// <see cref="AbortAll"/> aborts each connection's underlying HTTP request (the WebSocket's TCP
/// connection), as a network failure would, and the browser sees the socket close (1006).
/// </summary>
internal sealed class HubConnections : IHubFilter
{
    private readonly ConcurrentDictionary<string, HubCallerContext> open = new();

    public int Count => open.Count;

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        open[context.Context.ConnectionId] = context.Context;
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        open.TryRemove(context.Context.ConnectionId, out _);
        await next(context, exception);
    }

    /// <summary>Aborts every open connection; returns how many there were.</summary>
    public int AbortAll()
    {
        var aborted = 0;
        foreach (var connection in open.Values)
        {
            if (connection.GetHttpContext() is { } http) http.Abort();
            else connection.Abort();
            aborted++;
        }
        return aborted;
    }
}
