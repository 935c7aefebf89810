using System.ComponentModel.DataAnnotations;

namespace Researcher.Core.Search.Web;

/// <summary>
/// A self-hosted SearXNG metasearch instance. Bound from <c>Research:Search:Searxng</c>. The
/// instance must allow the JSON output format (<c>search.formats</c> in its settings.yml), or it
/// answers 403.
/// </summary>
public sealed class SearxngOptions
{
    public const string SectionName = "Research:Search:Searxng";

    /// <summary>The instance's root, e.g. <c>http://searxng:8080/</c> (a path prefix is kept).</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "http://localhost:8080/";

    /// <summary>SearXNG categories to search (comma-separated, e.g. <c>general,science</c>); empty for the instance default.</summary>
    [StringLength(200)]
    public string? Categories { get; set; }

    /// <summary>Search language code (e.g. <c>en</c>); empty for the instance default.</summary>
    [StringLength(20)]
    public string? Language { get; set; }
}

/// <summary>The Tavily search API (an API key is required). Bound from <c>Research:Search:Tavily</c>.</summary>
public sealed class TavilyOptions
{
    public const string SectionName = "Research:Search:Tavily";

    [Required, Url]
    public string BaseUrl { get; set; } = "https://api.tavily.com/";

    /// <summary>The API key (<c>tvly-…</c>), sent as a bearer token; never logged.</summary>
    [Required]
    public string ApiKey { get; set; } = "";

    /// <summary><c>basic</c> (one credit) or <c>advanced</c> (two credits, better snippets).</summary>
    [Required, RegularExpression("^(basic|advanced)$")]
    public string SearchDepth { get; set; } = "basic";
}

/// <summary>The Brave Search web API (a subscription token is required). Bound from <c>Research:Search:Brave</c>.</summary>
public sealed class BraveOptions
{
    public const string SectionName = "Research:Search:Brave";

    [Required, Url]
    public string BaseUrl { get; set; } = "https://api.search.brave.com/";

    /// <summary>The subscription token, sent as <c>X-Subscription-Token</c>; never logged.</summary>
    [Required]
    public string ApiKey { get; set; } = "";
}

/// <summary>Wikipedia's full-text search (no key). Bound from <c>Research:Search:Wikipedia</c>.</summary>
public sealed class WikipediaOptions
{
    public const string SectionName = "Research:Search:Wikipedia";

    /// <summary>The wiki's language code: searches <c>https://{Language}.wikipedia.org</c> and cites its articles.</summary>
    [Required, RegularExpression("^[a-z]{2,3}(-[a-z0-9]{2,8})*$")]
    public string Language { get; set; } = "en";

    /// <summary>Where the API is called instead of the language's wiki (a mirror or a test fake); empty for Wikipedia itself.</summary>
    [Url]
    public string? BaseUrl { get; set; }
}

/// <summary>The arXiv query API (no key; arXiv asks for at most one request every three seconds). Bound from <c>Research:Search:Arxiv</c>.</summary>
public sealed class ArxivOptions
{
    public const string SectionName = "Research:Search:Arxiv";

    [Required, Url]
    public string BaseUrl { get; set; } = "https://export.arxiv.org/";
}

/// <summary>DuckDuckGo's script-free HTML results page (no key, no API contract). Bound from <c>Research:Search:DuckDuckGo</c>.</summary>
public sealed class DuckDuckGoOptions
{
    public const string SectionName = "Research:Search:DuckDuckGo";

    [Required, Url]
    public string BaseUrl { get; set; } = "https://html.duckduckgo.com/";

    /// <summary>DuckDuckGo region code (<c>kl</c>, e.g. <c>us-en</c>, <c>wt-wt</c> for none); empty for the default.</summary>
    [StringLength(10)]
    public string? Region { get; set; }
}
