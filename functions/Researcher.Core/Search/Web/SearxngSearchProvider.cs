using Microsoft.Extensions.Options;

namespace Researcher.Core.Search.Web;

/// <summary>
/// Web search through a SearXNG metasearch instance (<c>GET {BaseUrl}search?q=…&amp;format=json</c>),
/// which merges many engines and needs no key — the default choice for a self-hosted deployment.
/// SearXNG has no result-count parameter, so the first page is trimmed to the number asked for; its
/// own merged <c>score</c> orders the hits when every result has one.
/// </summary>
public sealed class SearxngSearchProvider : WebSearchProvider
{
    public const string Name = "SearXNG";

    private readonly SearxngOptions options;

    public SearxngSearchProvider(HttpClient http, IOptions<SearxngOptions> options, IOptions<WebSearchOptions> web)
        : base(Name, http, web.Value, WebSearchHttp.BaseUri(options.Value.BaseUrl))
    {
        this.options = options.Value;
    }

    /// <summary>The first page of JSON results in the configured categories and language.</summary>
    private protected override HttpRequestMessage CreateRequest(string trimmedQuery, int maxResults)
    {
        var endpoint = WebSearchHttp.Endpoint(BaseUri, "search",
            ("q", trimmedQuery), ("format", "json"), ("categories", options.Categories), ("language", options.Language));
        var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }

    /// <summary>The shared <c>results[]</c> shape with url, title, content and score (see <see cref="WebSearchHttp.ScoredResults"/>).</summary>
    private protected override List<WebResult> ReadResults(byte[] body) => WebSearchHttp.ScoredResults(Name, body);
}
