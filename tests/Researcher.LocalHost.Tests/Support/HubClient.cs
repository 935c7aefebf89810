using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;

namespace Researcher.LocalHost.Tests.Support;

/// <summary>
/// A SignalR client of a host's live progress, as any client connects: <c>withUrl(base + "/api")</c>,
/// so it negotiates through <c>POST /api/negotiate</c> and follows the redirect to the hub. Every
/// <c>progress</c> message it receives is kept, in the order received.
/// </summary>
internal sealed class HubClient : IAsyncDisposable
{
    private readonly Channel<JsonElement> messages = Channel.CreateUnbounded<JsonElement>();

    private HubClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<JsonElement>(LiveProgress.MethodName, message => messages.Writer.TryWrite(message));
    }

    public HubConnection Connection { get; }

    public static async Task<HubClient> ConnectAsync(Uri baseAddress, string? bearerToken = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/api"), options =>
            {
                if (bearerToken is not null) options.AccessTokenProvider = () => Task.FromResult<string?>(bearerToken);
            })
            .Build();
        var client = new HubClient(connection);
        await connection.StartAsync();
        return client;
    }

    /// <summary>Subscribes this connection to a research through the host's API.</summary>
    public Task<HttpResponseMessage> SubscribeAsync(HttpClient api, string researchId) =>
        api.PostAsync($"/api/research/{researchId}/subscribe", JsonContent(new { connectionId = Connection.ConnectionId }));

    /// <summary>The messages received up to and including the first final event; fails the test past <see cref="TestTimeouts.Bound"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> ReceiveUntilFinalAsync()
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Bound);
        var received = new List<JsonElement>();
        try
        {
            while (true)
            {
                var message = await messages.Reader.ReadAsync(deadline.Token);
                received.Add(message);
                if (TypeOf(message) is ProgressEventType.ResearchCompleted or ProgressEventType.ResearchFailed or ProgressEventType.ResearchCancelled)
                    return received;
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"No final event within {TestTimeouts.Bound}; received {received.Count} messages.");
            throw;
        }
    }

    /// <summary>The messages received so far, without waiting.</summary>
    public IReadOnlyList<JsonElement> ReceivedSoFar()
    {
        var received = new List<JsonElement>();
        while (messages.Reader.TryRead(out var message)) received.Add(message);
        return received;
    }

    public static ProgressEvent EventOf(JsonElement message) => message.Deserialize<ProgressEvent>(ResearchJson.Options)!;

    private static ProgressEventType TypeOf(JsonElement message) => EventOf(message).Type;

    public static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
