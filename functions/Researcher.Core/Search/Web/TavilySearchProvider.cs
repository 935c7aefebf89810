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
public sealed class TavilySearchProvider : WebSearchProvider
{
    public const string Name = "Tavily";

    /// <summary>Tavily's largest <c>max_results</c>.</summary>
    private const int ApiLimit = 20;

    private readonly TavilyOptions options;

    public TavilySearchProvider(HttpClient http, IOptions<TavilyOptions> options, IOptions<WebSearchOptions> web)
        : base(Name, http, web.Value, WebSearchHttp.BaseUri(options.Value.BaseUrl))
    {
        this.options = options.Value;
    }

    /// <summary>A JSON search request with the configured depth and the domain lists, the key as a bearer token.</summary>
    private protected override HttpRequestMessage CreateRequest(string trimmedQuery, int maxResults)
    {
        var payload = new TavilyRequest(trimmedQuery, WebResults.RequestCount(maxResults, Domains, ApiLimit),
            options.SearchDepth, Domains.IncludeDomains, Domains.ExcludeDomains);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri, "search"))
        {
            Content = new StringContent(JsonSerializer.Serialize(payload), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }

    /// <summary>The shared <c>results[]</c> shape with url, title, content and score (see <see cref="WebSearchHttp.ScoredResults"/>).</summary>
    private protected override List<WebResult> ReadResults(byte[] body) => WebSearchHttp.ScoredResults(Name, body);

    private sealed record TavilyRequest(
        [property: JsonPropertyName("query")] string Query,
        [property: JsonPropertyName("max_results")] int MaxResults,
        [property: JsonPropertyName("search_depth")] string SearchDepth,
        [property: JsonPropertyName("include_domains")] IReadOnlyList<string> IncludeDomains,
        [property: JsonPropertyName("exclude_domains")] IReadOnlyList<string> ExcludeDomains);
}
