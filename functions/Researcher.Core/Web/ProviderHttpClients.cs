using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Researcher.Core.Search.Web;

namespace Researcher.Core.Web;

/// <summary>
/// How the engine calls a provider's API (a search engine, a language model): how many calls to one
/// provider run at once in this host, and how failed calls are retried. Bound from <c>Research:Providers</c>.
/// </summary>
public sealed class ProviderRequestOptions
{
    public const string SectionName = "Research:Providers";

    /// <summary>Calls to one provider in flight at once, across every branch of every research in this host; the rest wait their turn.</summary>
    [Range(1, 256)]
    public int MaxConcurrentRequests { get; set; } = 4;

    /// <summary>Retries of a call answered 408, 429 or 5xx, or failed in transport (0: none).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; each later one doubles it, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before a retry, and the longest pause a provider's Retry-After imposes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long one attempt may take until its response's headers (its wait for a permit included)
    /// before it counts as failed and is retried; the language model's attempts take
    /// <c>Research:Llm:Timeout</c> instead.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// One <see cref="HttpClient"/> per provider for the life of the host, so every branch of every
/// research shares that provider's limits: at most <see cref="ProviderRequestOptions.MaxConcurrentRequests"/>
/// calls at once, retries of 408, 429 and 5xx with exponential backoff and jitter that wait at least
/// what a <c>Retry-After</c> asks (Microsoft.Extensions.Http.Resilience's retry strategy), and, once a
/// provider answers 429 or 503 with <c>Retry-After</c>, no call to it from anyone until that time has
/// passed, so parallel branches never stampede an API that asked for a pause.
/// </summary>
/// <remarks>
/// These clients talk to configured API endpoints (a self-hosted SearXNG or Ollama may well be
/// private), so they are not the SSRF-safe fetcher; pages named by results are read only through
/// <see cref="WebPageReader"/>.
/// </remarks>
public sealed class ProviderHttpClients(IOptions<ProviderRequestOptions> options, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, (TimeSpan AttemptTimeout, Lazy<HttpClient> Client)> clients = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The client of <paramref name="provider"/> (a name such as "tavily"), created on first use, whose
    /// attempts may each take <see cref="ProviderRequestOptions.AttemptTimeout"/>.
    /// </summary>
    public HttpClient For(string provider) => For(provider, options.Value.AttemptTimeout);

    /// <summary>
    /// The client of <paramref name="provider"/>, created on first use, whose attempts may each take
    /// <paramref name="attemptTimeout"/> rather than <see cref="ProviderRequestOptions.AttemptTimeout"/>:
    /// for an API whose answers take longer to come, such as a language model's generation.
    /// </summary>
    /// <exception cref="InvalidOperationException">The provider's client exists with another attempt timeout.</exception>
    public HttpClient For(string provider, TimeSpan attemptTimeout)
    {
        var entry = clients.GetOrAdd(provider, _ => (attemptTimeout, new Lazy<HttpClient>(() => Create(attemptTimeout))));
        if (entry.AttemptTimeout != attemptTimeout)
            throw new InvalidOperationException(
                $"The '{provider}' client was created with attempts of {entry.AttemptTimeout}, not {attemptTimeout}.");
        return entry.Client.Value;
    }

    /// <summary>
    /// The longest a call through a client whose attempts take <paramref name="attemptTimeout"/> can
    /// last until its response's headers: every attempt (its wait for a permit and a pause included)
    /// running out its time, and every retry waiting the longest delay. A caller's own deadline shorter
    /// than this would cut retries the client is still making.
    /// </summary>
    public TimeSpan LongestCall(TimeSpan attemptTimeout)
    {
        var settings = options.Value;
        return attemptTimeout * (settings.MaxRetries + 1) + settings.MaxRetryDelay * settings.MaxRetries;
    }

    private HttpClient Create(TimeSpan attemptTimeout)
    {
        var settings = options.Value;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (settings.MaxRetries > 0)
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = settings.MaxRetryDelay,
                ShouldRetryAfterHeader = true,
            });
        var pipeline = builder.AddTimeout(attemptTimeout).Build();
        var handler = new ResilienceHandler(pipeline)
        {
            InnerHandler = new ProviderPause(time, settings.MaxConcurrentRequests, settings.MaxRetryDelay)
            {
                InnerHandler = new SocketsHttpHandler
                {
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    AutomaticDecompression = DecompressionMethods.All,
                },
            },
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public void Dispose()
    {
        foreach (var (_, client) in clients.Values.Where(c => c.Client.IsValueCreated))
            client.Value.Dispose();
    }

    /// <summary>
    /// The provider's shared gate, below the retries: at most so many calls at once, and none while a
    /// pause its <c>Retry-After</c> asked for lasts (capped at the longest retry delay).
    /// </summary>
    private sealed class ProviderPause(TimeProvider time, int maxConcurrentRequests, TimeSpan maxPause) : DelegatingHandler
    {
        private readonly SemaphoreSlim permits = new(maxConcurrentRequests, maxConcurrentRequests);
        private long resumeAtTicks;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await permits.WaitAsync(cancellationToken);
            try
            {
                for (var wait = PauseLeft(); wait > TimeSpan.Zero; wait = PauseLeft())
                    await Task.Delay(wait, time, cancellationToken);
                var response = await base.SendAsync(request, cancellationToken);
                if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
                    && WebSearchHttp.RetryAfter(response.Headers.RetryAfter, time.GetUtcNow()) is { } asked)
                    PauseUntil(time.GetUtcNow() + (asked < maxPause ? asked : maxPause));
                return response;
            }
            finally
            {
                permits.Release();
            }
        }

        private TimeSpan PauseLeft() => new DateTimeOffset(Interlocked.Read(ref resumeAtTicks), TimeSpan.Zero) - time.GetUtcNow();

        private void PauseUntil(DateTimeOffset resumeAt)
        {
            var ticks = resumeAt.UtcTicks;
            for (var seen = Interlocked.Read(ref resumeAtTicks); ticks > seen; seen = Interlocked.Read(ref resumeAtTicks))
                if (Interlocked.CompareExchange(ref resumeAtTicks, ticks, seen) == seen)
                    return;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) permits.Dispose();
            base.Dispose(disposing);
        }
    }
}
