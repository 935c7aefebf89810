using System.Net;

namespace Researcher.Core.Search.Web;

/// <summary>
/// A web search provider could not answer: the API returned a non-success status, the response was
/// not in the expected format, or the request never got an answer. The message names the provider
/// and the reason only — never the response body, the query or an API key — so it is safe to log
/// and to show in a job's error. <see cref="RetryAfter"/> carries the wait a rate-limited (429) or
/// unavailable (503) API asked for, when it gave one.
/// </summary>
public sealed class SearchProviderException : Exception
{
    public SearchProviderException(string provider, string reason, HttpStatusCode? statusCode = null,
        TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(Describe(provider, reason, statusCode, retryAfter), innerException)
    {
        Provider = provider;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>The provider's short name (<c>Tavily</c>, <c>Brave</c>, …).</summary>
    public string Provider { get; }

    /// <summary>The HTTP status the API answered with; null when the failure was not an HTTP status (bad body, no answer).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>How long the API asked the caller to wait before trying again (the Retry-After header), when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether trying again later may succeed: rate limiting, a server error, or no answer at all.</summary>
    public bool IsTransient => StatusCode is null && InnerException is not null
        || StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
        || (int?)StatusCode >= 500;

    private static string Describe(string provider, string reason, HttpStatusCode? statusCode, TimeSpan? retryAfter)
    {
        var status = statusCode is { } code ? $" (HTTP {(int)code})" : "";
        var wait = retryAfter is { } delay ? $"; retry after {delay.TotalSeconds:0.#} s" : "";
        return $"{provider} search failed{status}: {reason}{wait}.";
    }
}
