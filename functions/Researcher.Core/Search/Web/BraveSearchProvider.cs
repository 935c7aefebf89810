using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Researcher.Core.Search.Web;

/// <summary>
/// Web search through the Brave Search API (<c>GET {BaseUrl}res/v1/web/search?q=…&amp;count=…</c>,
/// the key as <c>X-Subscription-Token</c>), an independent index. Brave gives no scores, so hits are
/// scored by rank; its descriptions mark matches with <c>&lt;strong&gt;</c>, which is stripped.
/// A response without a <c>web</c> section means no web results, not an error.
/// </summary>
public sealed class BraveSearchProvider : WebSearchProvider
{
    public const string Name = "Brave";

    /// <summary>Brave's largest <c>count</c>.</summary>
    private const int ApiLimit = 20;

    private readonly BraveOptions options;

    public BraveSearchProvider(HttpClient http, IOptions<BraveOptions> options, IOptions<WebSearchOptions> web)
        : base(Name, http, web.Value, WebSearchHttp.BaseUri(options.Value.BaseUrl))
    {
        this.options = options.Value;
    }

    /// <summary>A web search for enough results to survive the domain filter, the key as <c>X-Subscription-Token</c>.</summary>
    private protected override HttpRequestMessage CreateRequest(string trimmedQuery, int maxResults)
    {
        var count = WebResults.RequestCount(maxResults, Domains, ApiLimit);
        var endpoint = WebSearchHttp.Endpoint(BaseUri, "res/v1/web/search",
            ("q", trimmedQuery), ("count", count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.TryAddWithoutValidation("X-Subscription-Token", options.ApiKey);
        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }

    /// <summary>The <c>web.results</c> list, title and description as plain text; no <c>web</c> section means no results.</summary>
    private protected override List<WebResult> ReadResults(byte[] body)
    {
        using var document = WebSearchHttp.JsonObject(Name, body);
        if (!document.RootElement.TryGetProperty("web", out var webSection)) return [];
        if (!WebSearchHttp.TryArray(webSection, "results", out var results))
            throw new SearchProviderException(Name, "the response's web section has no results list");
        return results.EnumerateArray()
            .Where(result => result.ValueKind == JsonValueKind.Object)
            .Select(result => new WebResult(
                WebSearchHttp.String(result, "url"),
                PlainText.FromMarkup(WebSearchHttp.String(result, "title")),
                PlainText.FromMarkup(WebSearchHttp.String(result, "description"))))
            .ToList();
    }
}
