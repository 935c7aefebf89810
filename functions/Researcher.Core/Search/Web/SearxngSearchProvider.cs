using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Researcher.Core.Search.Web;

/// <summary>
/// Web search through a SearXNG metasearch instance (<c>GET {BaseUrl}search?q=…&amp;format=json</c>),
/// which merges many engines and needs no key — the default choice for a self-hosted deployment.
/// SearXNG has no result-count parameter, so the first page is trimmed to the number asked for; its
/// own merged <c>score</c> orders the hits when every result has one.
/// </summary>
public sealed class SearxngSearchProvider : ISearchProvider
{
    public const string Name = "SearXNG";

    private readonly HttpClient http;
    private readonly SearxngOptions options;
    private readonly WebSearchOptions web;
    private readonly Uri baseUri;
    private readonly DomainFilter domains;

    public SearxngSearchProvider(HttpClient http, IOptions<SearxngOptions> options, IOptions<WebSearchOptions> web)
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
        var endpoint = WebSearchHttp.Endpoint(baseUri, "search",
            ("q", query.Trim()), ("format", "json"), ("categories", options.Categories), ("language", options.Language));
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.Accept.ParseAdd("application/json");
        var body = await WebSearchHttp.SendAsync(http, request, Name, web.UserAgent, web.MaxResponseBytes, cancellationToken);
        var results = WebSearchHttp.Parse(Name, () => Results(body));
        return WebResults.Finish(results, maxResults, domains, web.SnippetCharacters);
    }

    private static List<WebResult> Results(byte[] body)
    {
        using var document = WebSearchHttp.JsonObject(Name, body);
        if (!WebSearchHttp.TryArray(document.RootElement, "results", out var results))
            throw new SearchProviderException(Name, "the response has no results list");
        return results.EnumerateArray()
            .Where(result => result.ValueKind == JsonValueKind.Object)
            .Select(result => new WebResult(
                WebSearchHttp.String(result, "url"),
                PlainText.FromMarkup(WebSearchHttp.String(result, "title")),
                PlainText.FromMarkup(WebSearchHttp.String(result, "content")),
                WebSearchHttp.Number(result, "score")))
            .ToList();
    }
}
