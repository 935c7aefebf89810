using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Options;

namespace Researcher.Core.Search.Web;

/// <summary>
/// Web search by reading DuckDuckGo's script-free results page (<c>POST {BaseUrl}html/</c> with the
/// query as a form field), for when no API key is available. It is a page, not an API: no contract,
/// no scores (hits are scored by rank), and automated use may be refused. Results are the
/// <c>a.result__a</c> links with their <c>.result__snippet</c>; ads are skipped, and links through
/// DuckDuckGo's redirect (<c>//duckduckgo.com/l/?uddg=…</c>) are unwrapped to their target. A page
/// that shows DuckDuckGo's bot check instead of results throws, so a block is not mistaken for
/// "nothing found".
/// </summary>
public sealed class DuckDuckGoHtmlSearchProvider : WebSearchProvider
{
    public const string Name = "DuckDuckGo";

    private static readonly Uri DuckDuckGo = new("https://duckduckgo.com/");

    private readonly DuckDuckGoOptions options;

    public DuckDuckGoHtmlSearchProvider(HttpClient http, IOptions<DuckDuckGoOptions> options, IOptions<WebSearchOptions> web)
        : base(Name, http, web.Value, WebSearchHttp.BaseUri(options.Value.BaseUrl))
    {
        this.options = options.Value;
    }

    /// <summary>The results page's form post: the query, and the region (<c>kl</c>) when one is configured.</summary>
    private protected override HttpRequestMessage CreateRequest(string trimmedQuery, int maxResults)
    {
        var form = new List<KeyValuePair<string, string>> { new("q", trimmedQuery) };
        if (!string.IsNullOrWhiteSpace(options.Region)) form.Add(new("kl", options.Region));
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri, "html/"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Accept.ParseAdd("text/html");
        return request;
    }

    /// <summary>
    /// The target of a results link: a DuckDuckGo redirect (<c>/l/?uddg=…</c>) unwrapped, a
    /// protocol-relative or relative link resolved; null for links that stay on DuckDuckGo (ads, its own pages).
    /// </summary>
    internal static string? Target(string? href)
    {
        if (string.IsNullOrWhiteSpace(href) || !Uri.TryCreate(DuckDuckGo, href.Trim(), out var link)) return null;
        if (!DomainFilter.HostMatches(link.Host, "duckduckgo.com")) return link.AbsoluteUri;
        if (!link.AbsolutePath.StartsWith("/l/", StringComparison.Ordinal)) return null;
        var target = QueryValue(link.Query, "uddg");
        return target is not null && Uri.TryCreate(target, UriKind.Absolute, out var unwrapped) ? unwrapped.AbsoluteUri : null;
    }

    /// <summary>The page's organic result links with their snippets; a bot-check page throws.</summary>
    private protected override List<WebResult> ReadResults(byte[] body)
    {
        var page = new HtmlParser().ParseDocument(Encoding.UTF8.GetString(body));
        var links = page.QuerySelectorAll("a.result__a");
        if (links.Length == 0 && page.QuerySelector(".anomaly-modal, #challenge-form, form[action*='anomaly']") is not null)
            throw new SearchProviderException(Name, "DuckDuckGo answered with a bot check instead of results");

        var results = new List<WebResult>();
        foreach (var link in links)
        {
            var container = link.Closest(".result") ?? link.ParentElement;
            if (container is not null && (container.ClassList.Contains("result--ad") || container.QuerySelector(".badge--ad") is not null))
                continue;
            var snippet = container?.QuerySelector(".result__snippet");
            results.Add(new WebResult(Target(link.GetAttribute("href")), link.TextContent, snippet?.TextContent));
        }
        return results;
    }

    private static string? QueryValue(string query, string name)
    {
        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            var separator = pair.IndexOf('=');
            if (separator <= 0 || !pair[..separator].Equals(name, StringComparison.Ordinal)) continue;
            return Uri.UnescapeDataString(pair[(separator + 1)..].Replace('+', ' '));
        }
        return null;
    }
}
