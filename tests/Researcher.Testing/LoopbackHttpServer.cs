using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Researcher.Testing;

/// <summary>
/// One request a <see cref="LoopbackHttpServer"/> received, as it arrived, and when: <paramref name="ArrivedAt"/>
/// is the time since the server started on a monotonic clock, to compare the arrivals of one server.
/// </summary>
public sealed record RecordedRequest(
    string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body, TimeSpan ArrivedAt);

/// <summary>
/// A real HTTP server on a free loopback port (Kestrel), for tests of code that talks to an API that
/// cannot exist here (an LLM, a search engine): the handler answers in that API's wire format, and
/// every request is recorded, body included, for the test to inspect, with when it arrived and how
/// many requests were being answered at once at most.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private WebApplication app = null!;
    private int inFlight;
    private int mostInFlight;

    private LoopbackHttpServer()
    {
    }

    /// <summary>The server's address, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The requests received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    /// <summary>The most requests the handler was answering at the same time so far.</summary>
    public int MaxInFlight => Volatile.Read(ref mostInFlight);

    /// <summary>Starts a server whose every request is answered by <paramref name="handler"/>.</summary>
    public static async Task<LoopbackHttpServer> StartAsync(Func<HttpContext, Task> handler)
    {
        var server = new LoopbackHttpServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        server.app = builder.Build();
        server.app.Run(context => server.AnswerAsync(context, handler));
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    private async Task AnswerAsync(HttpContext context, Func<HttpContext, Task> handler)
    {
        var arrivedAt = clock.Elapsed;
        var now = Interlocked.Increment(ref inFlight);
        for (var seen = Volatile.Read(ref mostInFlight); now > seen; seen = Volatile.Read(ref mostInFlight))
            if (Interlocked.CompareExchange(ref mostInFlight, now, seen) == seen) break;
        try
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body,
                arrivedAt));
            await handler(context);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
