namespace Researcher.Core.Search.Web;

/// <summary>
/// The common shape of every web search provider: the shared state (the HTTP client, the web
/// search options, the base address and the domain filter) and <see cref="SearchAsync"/> as a
/// template method. A search skips an unsearchable query, has the provider build its request,
/// sends it with our User-Agent and size cap, has the provider read the body (any parse failure
/// becoming a <see cref="SearchProviderException"/>) and finishes the results the same way for all
/// (domain filter, one hit per location, snippet length, scores). It exists so each provider holds
/// only what differs — how to ask its API and how to read its answer — and so every provider
/// applies the same limits and failure rules.
/// </summary>
public abstract class WebSearchProvider : ISearchProvider
{
    /// <param name="providerName">The provider's display name, used in its errors.</param>
    /// <param name="http">The client requests are sent with.</param>
    /// <param name="web">The options shared by every web provider.</param>
    /// <param name="baseUri">The API's base address, with a trailing slash (see <see cref="WebSearchHttp.BaseUri"/>).</param>
    private protected WebSearchProvider(string providerName, HttpClient http, WebSearchOptions web, Uri baseUri)
    {
        ProviderName = providerName;
        Http = http;
        Web = web;
        BaseUri = baseUri;
        Domains = web.Domains();
    }

    /// <summary>The provider's display name, used in its errors.</summary>
    protected string ProviderName { get; }

    /// <summary>The client requests are sent with.</summary>
    protected HttpClient Http { get; }

    /// <summary>The options shared by every web provider.</summary>
    protected WebSearchOptions Web { get; }

    /// <summary>The API's base address, with a trailing slash so relative paths keep its path prefix.</summary>
    protected Uri BaseUri { get; }

    /// <summary>The configured domain lists, applied to every provider's results.</summary>
    protected DomainFilter Domains { get; }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken)
    {
        if (!WebResults.IsSearchable(query, maxResults)) return [];
        using var request = CreateRequest(query.Trim(), maxResults);
        if (request is null) return [];
        var body = await WebSearchHttp.SendAsync(Http, request, ProviderName, Web.UserAgent, Web.MaxResponseBytes, cancellationToken);
        var results = WebSearchHttp.Parse(ProviderName, () => ReadResults(body));
        return WebResults.Finish(results, maxResults, Domains, Web.SnippetCharacters);
    }

    /// <summary>
    /// The request for <paramref name="trimmedQuery"/> (non-empty) asking for enough results to fill
    /// <paramref name="maxResults"/> (positive); null when nothing of the query can be searched, which
    /// returns no hits without a call.
    /// </summary>
    private protected abstract HttpRequestMessage? CreateRequest(string trimmedQuery, int maxResults);

    /// <summary>
    /// The results in a success response's <paramref name="body"/>, in the API's order. A body of the
    /// wrong shape throws <see cref="SearchProviderException"/> (or a JSON, XML or decoding exception,
    /// which the caller turns into one).
    /// </summary>
    private protected abstract List<WebResult> ReadResults(byte[] body);
}
