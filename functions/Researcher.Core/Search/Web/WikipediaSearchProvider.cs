using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Researcher.Core.Search.Web;

/// <summary>
/// Full-text search of one language's Wikipedia through the MediaWiki API
/// (<c>action=query&amp;list=search</c>), no key needed. A hit cites the article's canonical URL
/// (<c>https://{lang}.wikipedia.org/wiki/Title_with_underscores</c>) even when the API is called at
/// another address; the API's snippet marks matches with <c>&lt;span class="searchmatch"&gt;</c>, which
/// is stripped. MediaWiki reports errors in a 200 response's <c>error</c> object; those throw too.
/// </summary>
public sealed class WikipediaSearchProvider : WebSearchProvider
{
    public const string Name = "Wikipedia";

    /// <summary>The API's largest <c>srlimit</c> for ordinary clients.</summary>
    private const int ApiLimit = 500;

    private readonly string articleBase;

    /// <remarks>The API is called at <see cref="WikipediaOptions.BaseUrl"/> when set, else at the language's own wiki.</remarks>
    public WikipediaSearchProvider(HttpClient http, IOptions<WikipediaOptions> options, IOptions<WebSearchOptions> web)
        : base(Name, http, web.Value, WebSearchHttp.BaseUri(
            string.IsNullOrWhiteSpace(options.Value.BaseUrl) ? Wiki(options.Value) : options.Value.BaseUrl))
    {
        articleBase = Wiki(options.Value) + "wiki/";
    }

    /// <summary>The address of the configured language's wiki, where its articles live.</summary>
    private static string Wiki(WikipediaOptions options) => $"https://{options.Language}.wikipedia.org/";

    /// <summary>A full-text search (<c>list=search</c>) for enough results to survive the domain filter.</summary>
    private protected override HttpRequestMessage CreateRequest(string trimmedQuery, int maxResults)
    {
        var limit = WebResults.RequestCount(maxResults, Domains, ApiLimit);
        var endpoint = WebSearchHttp.Endpoint(BaseUri, "w/api.php",
            ("action", "query"), ("list", "search"), ("srsearch", trimmedQuery),
            ("srlimit", limit.ToString(CultureInfo.InvariantCulture)), ("format", "json"), ("utf8", "1"));
        var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }

    /// <summary>The canonical article URL for <paramref name="title"/>: spaces as underscores, the rest percent-encoded except path-safe punctuation.</summary>
    public string ArticleUrl(string title)
    {
        var path = new StringBuilder(Uri.EscapeDataString(title.Trim().Replace(' ', '_')));
        foreach (var (escaped, plain) in KeptPunctuation) path.Replace(escaped, plain);
        return articleBase + path;
    }

    private static readonly (string Escaped, string Plain)[] KeptPunctuation =
        [("%2F", "/"), ("%3A", ":"), ("%28", "("), ("%29", ")"), ("%2C", ","), ("%21", "!"), ("%27", "'")];

    /// <summary>The <c>query.search</c> list as article hits; an <c>error</c> object throws, naming only a plain error code.</summary>
    private protected override List<WebResult> ReadResults(byte[] body)
    {
        using var document = WebSearchHttp.JsonObject(Name, body);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error))
        {
            var code = WebSearchHttp.String(error, "code") is { Length: > 0 and <= 60 } text && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
                ? text
                : "unknown";
            throw new SearchProviderException(Name, $"the API reported error '{code}'");
        }
        if (!root.TryGetProperty("query", out var queryResult) || !WebSearchHttp.TryArray(queryResult, "search", out var results))
            throw new SearchProviderException(Name, "the response has no query.search list");
        return results.EnumerateArray()
            .Select(result => (Title: WebSearchHttp.String(result, "title"), Snippet: WebSearchHttp.String(result, "snippet")))
            .Where(result => !string.IsNullOrWhiteSpace(result.Title))
            .Select(result => new WebResult(ArticleUrl(result.Title!), result.Title, PlainText.FromMarkup(result.Snippet)))
            .ToList();
    }
}
