using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Researcher.Core.Progress;

namespace Researcher.Benchmarks.Live;

/// <summary>
/// A .NET SignalR client of the local host's live progress, connected as any client connects
/// (<c>WithUrl(base + "/api")</c>: <c>POST /api/negotiate</c>, then the redirect to the hub with its
/// token), over WebSockets only. Its <c>progress</c> handler stamps each message on the Stopwatch
/// first thing and hands it on.
/// </summary>
public sealed class LiveClient : IAsyncDisposable
{
    private readonly HubConnection connection;

    private LiveClient(HubConnection connection) => this.connection = connection;

    public string ConnectionId => connection.ConnectionId ?? throw new InvalidOperationException("The connection is not started.");

    /// <summary>Connects; <paramref name="onMessage"/> gets the Stopwatch timestamp of each message's arrival in the handler, and the message.</summary>
    public static async Task<LiveClient> ConnectAsync(Uri baseAddress, Action<long, JsonElement> onMessage, CancellationToken cancellationToken = default)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/api"), HttpTransportType.WebSockets)
            .Build();
        connection.On<JsonElement>(LiveProgress.MethodName, message => onMessage(Stopwatch.GetTimestamp(), message));
        await connection.StartAsync(cancellationToken);
        return new LiveClient(connection);
    }

    /// <summary>Subscribes this connection to a research through the host's API (<c>POST /api/research/{id}/subscribe</c>).</summary>
    public async Task SubscribeAsync(HttpClient api, string researchId, CancellationToken cancellationToken = default)
    {
        using var response = await api.PostAsJsonAsync($"/api/research/{researchId}/subscribe", new { connectionId = ConnectionId }, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Subscribing to {researchId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
