using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Researcher.Core.Search.Web;

/// <summary>
/// The HTTP side every web provider shares: endpoint URLs, sending with our User-Agent, reading a
/// size-capped body, and turning every way a call can fail into a <see cref="SearchProviderException"/>
/// whose message holds no body, query or key.
/// </summary>
internal static class WebSearchHttp
{
    /// <summary><paramref name="baseUrl"/> with a trailing slash, so relative paths keep its path prefix.</summary>
    public static Uri BaseUri(string baseUrl) =>
        new(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);

    /// <summary><paramref name="path"/> under <paramref name="baseUri"/> with URL-encoded parameters; null or empty values are left out.</summary>
    public static Uri Endpoint(Uri baseUri, string path, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join("&", parameters
            .Where(parameter => !string.IsNullOrEmpty(parameter.Value))
            .Select(parameter => $"{Uri.EscapeDataString(parameter.Name)}={Uri.EscapeDataString(parameter.Value!)}"));
        return new Uri(baseUri, query.Length == 0 ? path : $"{path}?{query}");
    }

    /// <summary>
    /// Sends <paramref name="request"/> and returns the body of a success response. A non-success
    /// status, a body over <paramref name="maxBytes"/>, a network failure or a timeout throws
    /// <see cref="SearchProviderException"/>; cancellation by the caller is passed on as is.
    /// </summary>
    public static async Task<byte[]> SendAsync(HttpClient http, HttpRequestMessage request, string provider,
        string userAgent, int maxBytes, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new SearchProviderException(provider, StatusReason(response.StatusCode), response.StatusCode,
                    RetryAfter(response.Headers.RetryAfter, DateTimeOffset.UtcNow));
            }
            if (response.Content.Headers.ContentLength > maxBytes) throw TooLarge(provider, maxBytes);

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes) throw TooLarge(provider, maxBytes);
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException exception)
        {
            throw new SearchProviderException(provider, "the request timed out", innerException: exception);
        }
        catch (HttpRequestException exception)
        {
            throw new SearchProviderException(provider, "the request failed before an answer arrived", innerException: exception);
        }
    }

    /// <summary>
    /// The wait a Retry-After header asks for: its delta-seconds, or the time from
    /// <paramref name="now"/> until its HTTP-date (zero once that has passed); null without one.
    /// </summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>
    /// Runs <paramref name="parse"/> over a response body, turning a JSON, XML or shape error into a
    /// <see cref="SearchProviderException"/> that gives the position but none of the parser's text
    /// (which can quote the body).
    /// </summary>
    public static List<WebResult> Parse(string provider, Func<List<WebResult>> parse)
    {
        try
        {
            return parse();
        }
        catch (JsonException exception)
        {
            throw new SearchProviderException(provider,
                $"the response is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1})");
        }
        catch (XmlException exception)
        {
            throw new SearchProviderException(provider,
                $"the response is not valid XML (line {exception.LineNumber}, position {exception.LinePosition})");
        }
        catch (DecoderFallbackException)
        {
            throw new SearchProviderException(provider, "the response is not valid UTF-8");
        }
    }

    /// <summary>The response's JSON root object; anything else (an array, a bare value) is a malformed response.</summary>
    public static JsonDocument JsonObject(string provider, byte[] body)
    {
        var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
        document.Dispose();
        throw new SearchProviderException(provider, "the response is not a JSON object");
    }

    /// <summary>The array at <paramref name="name"/>, if <paramref name="element"/> is an object that has one.</summary>
    public static bool TryArray(JsonElement element, string name, out JsonElement array)
    {
        array = default;
        return element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty(name, out array)
            && array.ValueKind == JsonValueKind.Array;
    }

    /// <summary>
    /// The results of a JSON response shaped <c>{"results": [{"url", "title", "content", "score"}, …]}</c>
    /// (SearXNG, Tavily): title and content as plain text, non-object entries skipped; a response
    /// without the list is malformed.
    /// </summary>
    public static List<WebResult> ScoredResults(string provider, byte[] body)
    {
        using var document = JsonObject(provider, body);
        if (!TryArray(document.RootElement, "results", out var results))
            throw new SearchProviderException(provider, "the response has no results list");
        return results.EnumerateArray()
            .Where(result => result.ValueKind == JsonValueKind.Object)
            .Select(result => new WebResult(
                String(result, "url"),
                PlainText.FromMarkup(String(result, "title")),
                PlainText.FromMarkup(String(result, "content")),
                Number(result, "score")))
            .ToList();
    }

    /// <summary>The string at <paramref name="name"/>, or null when missing or not a string.</summary>
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>The finite number at <paramref name="name"/>, or null when missing, not a number or not finite.</summary>
    public static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : null;

    private static string StatusReason(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "the API refused the credentials or the request",
        HttpStatusCode.TooManyRequests => "rate limited",
        HttpStatusCode.PaymentRequired => "the plan's quota is used up",
        _ when (int)status >= 500 => "the API had a server error",
        _ => "the API rejected the request",
    };

    private static SearchProviderException TooLarge(string provider, int maxBytes) =>
        new(provider, $"the response is larger than {maxBytes} bytes");
}
