using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Researcher.Core.Search.Web;

/// <summary>
/// Web search through the Tavily API (<c>POST {BaseUrl}search</c>, JSON body, the key as a bearer
/// token), a search engine built for LLM research that returns extracted page content as the
/// snippet and a relevance score per result. The domain lists go to Tavily as
/// <c>include_domains</c>/<c>exclude_domains</c> so its results are filtered before ranking, and are
/// applied again here like for every provider.
/// </summary>
public sealed class TavilySearchProvider : ISearchProvider
{
    public const string Name = "Tavily";

    /// <summary>Tavily's largest <c>max_results</c>.</summary>
    private const int ApiLimit = 20;

    private readonly HttpClient http;
    private readonly TavilyOptions options;
    private readonly WebSearchOptions web;
    private readonly Uri baseUri;
    private readonly DomainFilter domains;

    public TavilySearchProvider(HttpClient http, IOptions<TavilyOptions> options, IOptions<WebSearchOptions> web)
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
        var payload = new TavilyRequest(query.Trim(), WebResults.RequestCount(maxResults, domains, ApiLimit),
            options.SearchDepth, domains.IncludeDomains, domains.ExcludeDomains);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "search"))
        {
            Content = new StringContent(JsonSerializer.Serialize(payload), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
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

    private sealed record TavilyRequest(
        [property: JsonPropertyName("query")] string Query,
        [property: JsonPropertyName("max_results")] int MaxResults,
        [property: JsonPropertyName("search_depth")] string SearchDepth,
        [property: JsonPropertyName("include_domains")] IReadOnlyList<string> IncludeDomains,
        [property: JsonPropertyName("exclude_domains")] IReadOnlyList<string> ExcludeDomains);
}
