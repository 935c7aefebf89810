using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Researcher.Core.Search.Web;
using Researcher.Core.Web;
using Researcher.Testing;

namespace Researcher.Core.Tests.Web;

/// <summary>
/// A provider's one client, shared by parallel branches, against a real loopback server: a 429 with
/// Retry-After pauses every caller, not just the one answered, and the calls still succeed; errors
/// that a retry cannot mend are not retried; the concurrency bound holds.
/// </summary>
public sealed class ProviderHttpClientsTests
{
    private const string SearxngJson = """{"results":[{"url":"https://tides.example/spring","title":"Spring tides","content":"Spring tides are large."}]}""";

    [Fact]
    public async Task Parallel_branches_that_meet_a_429_all_wait_out_its_Retry_After_and_then_succeed()
    {
        var clock = Stopwatch.StartNew();
        // Each request's arrival time and whether it was the one answered 429, recorded together so
        // that no arrival racing the throttled one can be misfiled.
        var arrivals = new ConcurrentQueue<(TimeSpan At, bool Throttled)>();
        var arrived = 0;
        // The first four arrivals are held (all but the one answered 429) until a fifth call arrives. With
        // four permits, that one can only have taken the throttled call's permit, which is released after
        // the pause is set, so no call that the 429 should have paused can slip out before it.
        var fifthArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            var at = clock.Elapsed;
            var order = Interlocked.Increment(ref arrived);
            arrivals.Enqueue((at, order == 1));
            if (order == 1)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "1";
                return;
            }
            if (order <= 4)
                await fifthArrived.Task;
            else
                fifthArrived.TrySetResult();
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(SearxngJson);
        });
        using var clients = Clients(maxConcurrentRequests: 4);
        var search = Searxng(server, clients.For("searxng"));

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => search.SearchAsync($"tides {i}", 5, CancellationToken.None)));

        Assert.All(results, hits => Assert.Equal("https://tides.example/spring", Assert.Single(hits).Location));
        Assert.Equal(11, server.Requests.Count);
        // Only the calls already on their way when the 429 came (at most the other three permits; fewer
        // when the 429 was answered before they took them) arrive before its Retry-After has passed; every
        // other call, the retried one included, waits it out.
        var throttledAt = Assert.Single(arrivals, arrival => arrival.Throttled).At;
        var pause = TimeSpan.FromSeconds(1);
        var later = arrivals.Where(arrival => !arrival.Throttled).Select(arrival => arrival.At - throttledAt).ToList();
        Assert.Equal(10, later.Count);
        Assert.InRange(later.Count(wait => wait < pause), 0, 3);
        Assert.InRange(later.Count(wait => wait >= pause), 7, 10);
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_a_server_error_is_retried_up_to_the_limit()
    {
        await using var notFound = await LoopbackHttpServer.StartAsync(context => { context.Response.StatusCode = 404; return Task.CompletedTask; });
        await using var failing = await LoopbackHttpServer.StartAsync(context => { context.Response.StatusCode = 500; return Task.CompletedTask; });
        using var clients = Clients(maxRetries: 2);

        var refused = await Assert.ThrowsAsync<SearchProviderException>(() => Searxng(notFound, clients.For("a")).SearchAsync("tides", 5, CancellationToken.None));
        var failed = await Assert.ThrowsAsync<SearchProviderException>(() => Searxng(failing, clients.For("b")).SearchAsync("tides", 5, CancellationToken.None));

        Assert.Single(notFound.Requests);
        Assert.Equal(3, failing.Requests.Count);
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task No_more_calls_than_the_bound_are_in_flight_at_once()
    {
        var inFlight = 0;
        var mostInFlight = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;
        await using var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref mostInFlight, now);
            if (Interlocked.Increment(ref arrived) == 2) release.TrySetResult();
            await release.Task;
            Interlocked.Decrement(ref inFlight);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(SearxngJson);
        });
        using var clients = Clients(maxConcurrentRequests: 2);
        var search = Searxng(server, clients.For("searxng"));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => search.SearchAsync($"tides {i}", 5, CancellationToken.None)));

        Assert.Equal(8, server.Requests.Count);
        Assert.InRange(mostInFlight, 1, 2);
    }

    [Fact]
    public void A_provider_keeps_the_attempt_timeout_its_client_was_made_with()
    {
        using var clients = Clients();

        var llm = clients.For("llm", TimeSpan.FromMinutes(10));

        Assert.Same(llm, clients.For("LLM", TimeSpan.FromMinutes(10)));
        Assert.NotSame(llm, clients.For("searxng"));
        var refused = Assert.Throws<InvalidOperationException>(() => clients.For("llm"));
        Assert.Contains("'llm'", refused.Message);
    }

    [Fact]
    public void The_longest_call_is_every_attempt_timing_out_and_every_retry_waiting_its_longest()
    {
        using var clients = new ProviderHttpClients(Options.Create(new ProviderRequestOptions
        {
            MaxRetries = 3,
            MaxRetryDelay = TimeSpan.FromMinutes(1),
        }), TimeProvider.System);

        Assert.Equal(TimeSpan.FromMinutes(4 * 2 + 3 * 1), clients.LongestCall(TimeSpan.FromMinutes(2)));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }

    private static ProviderHttpClients Clients(int maxConcurrentRequests = 4, int maxRetries = 3) =>
        new(Options.Create(new ProviderRequestOptions
        {
            MaxConcurrentRequests = maxConcurrentRequests,
            MaxRetries = maxRetries,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        }), TimeProvider.System);

    private static SearxngSearchProvider Searxng(LoopbackHttpServer server, HttpClient http) =>
        new(http, Options.Create(new SearxngOptions { BaseUrl = server.BaseAddress.AbsoluteUri }), Options.Create(new WebSearchOptions()));
}
