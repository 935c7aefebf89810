using System.ClientModel;
using System.Globalization;

namespace Researcher.Core.Llm;

/// <summary>
/// What a failed model call says about when to try again, for a caller that retries beyond the
/// shared provider client's own retries (see <see cref="LlmClients"/>): a throttled call surfaces
/// once those are spent.
/// </summary>
public static class LlmFailures
{
    /// <summary>Whether <paramref name="exception"/> is the service throttling (HTTP 429).</summary>
    public static bool IsThrottled(Exception exception) =>
        exception is ClientResultException { Status: 429 };

    /// <summary>
    /// The wait the service asked for in <c>Retry-After</c> (seconds or an HTTP date), or null when
    /// the failure carries none.
    /// </summary>
    public static TimeSpan? RetryAfter(Exception exception, DateTimeOffset? now = null)
    {
        if (exception is not ClientResultException failure
            || failure.GetRawResponse() is not { } response
            || !response.Headers.TryGetValue("Retry-After", out var value)
            || string.IsNullOrWhiteSpace(value))
            return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            return TimeSpan.FromSeconds(seconds);
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - (now ?? DateTimeOffset.UtcNow);
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }
}
