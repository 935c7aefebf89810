using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Researcher.Core.Search.Web;

/// <summary>
/// Web search through the Brave Search API (<c>GET {BaseUrl}res/v1/web/search?q=…&amp;count=…</c>,
/// the key as <c>X-Subscription-Token</c>), an independent index. Brave gives no scores, so hits are
/// scored by rank; its descriptions mark matches with <c>&lt;strong&gt;</c>, which is stripped.
/// A response without a <c>web</c> section means no web results, not an error.
/// </summary>
public sealed class BraveSearchProvider : ISearchProvider
{
    public const string Name = "Brave";

    /// <summary>Brave's largest <c>count</c>.</summary>
    private const int ApiLimit = 20;

    private readonly HttpClient http;
    private readonly BraveOptions options;
    private readonly WebSearchOptions web;
    private readonly Uri baseUri;
    private readonly DomainFilter domains;

    public BraveSearchProvider(HttpClient http, IOptions<BraveOptions> options, IOptions<WebSearchOptions> web)
    {
        this.http = http;
        this.options = options.Value;
        this.web = web.Value;
        baseUri = WebSearchHttp.BaseUri(this.options.BaseUrl);
        domains = this.web.Domains();
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken)
    {
        if (!WebResults.IsSearchable(query, maxResults)) return [];
        var count = WebResults.RequestCount(maxResults, domains, ApiLimit);
        var endpoint = WebSearchHttp.Endpoint(baseUri, "res/v1/web/search",
            ("q", query.Trim()), ("count", count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.TryAddWithoutValidation("X-Subscription-Token", options.ApiKey);
        request.Headers.Accept.ParseAdd("application/json");
        var body = await WebSearchHttp.SendAsync(http, request, Name, web.UserAgent, web.MaxResponseBytes, cancellationToken);
        var results = WebSearchHttp.Parse(Name, () => Results(body));
        return WebResults.Finish(results, maxResults, domains, web.SnippetCharacters);
    }

    private static List<WebResult> Results(byte[] body)
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
