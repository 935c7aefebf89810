using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Options;

namespace Researcher.Core.Search.Web;

/// <summary>
/// Search of arXiv preprints through its query API (<c>GET {BaseUrl}api/query?search_query=…</c>,
/// an Atom feed, no key). The question's words are searched in every field and all must match
/// (<c>all:w1 AND all:w2 …</c>), with arXiv's query syntax characters removed so a question cannot
/// change the query's meaning; results come sorted by relevance. A hit cites the abstract page and
/// carries the abstract as its snippet. arXiv reports a bad query as a feed entry whose id is under
/// <c>/api/errors</c>; that throws. arXiv asks clients to wait three seconds between calls — the
/// caller paces.
/// </summary>
public sealed partial class ArxivSearchProvider : WebSearchProvider
{
    public const string Name = "arXiv";

    /// <summary>Words of the question sent; a longer question keeps its first ones (arXiv requires all to match).</summary>
    private const int MaxQueryWords = 12;

    private const int ApiLimit = 200;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public ArxivSearchProvider(HttpClient http, IOptions<ArxivOptions> options, IOptions<WebSearchOptions> web)
        : base(Name, http, web.Value, WebSearchHttp.BaseUri(options.Value.BaseUrl))
    {
    }

    /// <summary>
    /// A relevance-sorted query for the question's words (see <see cref="SearchQuery"/>); null when the
    /// question has no searchable word, so nothing is sent.
    /// </summary>
    private protected override HttpRequestMessage? CreateRequest(string trimmedQuery, int maxResults)
    {
        var searchQuery = SearchQuery(trimmedQuery);
        if (searchQuery.Length == 0) return null;
        var endpoint = WebSearchHttp.Endpoint(BaseUri, "api/query",
            ("search_query", searchQuery), ("start", "0"),
            ("max_results", WebResults.RequestCount(maxResults, Domains, ApiLimit).ToString(CultureInfo.InvariantCulture)),
            ("sortBy", "relevance"), ("sortOrder", "descending"));
        var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.Accept.ParseAdd("application/atom+xml");
        return request;
    }

    /// <summary>
    /// The arXiv query for a question: its words (letters, digits, inner hyphens and dots) each as
    /// <c>all:word</c>, joined by AND; boolean operator words are dropped so they are not read as operators.
    /// </summary>
    internal static string SearchQuery(string question) =>
        string.Join(" AND ", Word().Matches(question)
            .Select(match => match.Value)
            .Where(word => word is not ("AND" or "OR" or "ANDNOT"))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxQueryWords)
            .Select(word => "all:" + word));

    /// <summary>The feed's entries as abstract-page hits (the <c>alternate</c> link, else the id); an error entry throws.</summary>
    private protected override List<WebResult> ReadResults(byte[] body)
    {
        using var stream = new MemoryStream(body);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(stream, settings);
        var feed = XDocument.Load(reader).Root;
        if (feed is null || feed.Name != Atom + "feed") throw new SearchProviderException(Name, "the response is not an Atom feed");

        var results = new List<WebResult>();
        foreach (var entry in feed.Elements(Atom + "entry"))
        {
            var id = entry.Element(Atom + "id")?.Value.Trim();
            if (id is not null && id.Contains("/api/errors", StringComparison.Ordinal))
                throw new SearchProviderException(Name, "the API rejected the query");
            var link = entry.Elements(Atom + "link")
                .FirstOrDefault(element => (string?)element.Attribute("rel") == "alternate")?.Attribute("href")?.Value;
            results.Add(new WebResult(link ?? id, entry.Element(Atom + "title")?.Value, entry.Element(Atom + "summary")?.Value));
        }
        return results;
    }

    [GeneratedRegex(@"[\p{L}\p{Nd}]+(?:[-.][\p{L}\p{Nd}]+)*")]
    private static partial Regex Word();
}
