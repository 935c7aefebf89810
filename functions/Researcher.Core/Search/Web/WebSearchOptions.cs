using System.ComponentModel.DataAnnotations;

namespace Researcher.Core.Search.Web;

/// <summary>
/// Settings every web search provider shares: who we say we are, which domains results may come
/// from, and how long a snippet may be. Bound from <c>Research:Search:Web</c>; each provider's own
/// endpoint and key live in its section beside it (<c>Research:Search:Tavily</c>, …).
/// </summary>
public sealed class WebSearchOptions
{
    public const string SectionName = "Research:Search:Web";

    /// <summary>
    /// The User-Agent sent with every search request. Wikipedia and arXiv ask for one that names the
    /// client and a way to reach its operator; deployments should put their contact in it.
    /// </summary>
    [Required, StringLength(300, MinimumLength = 3)]
    public string UserAgent { get; set; } = "Researcher/1.0 (deep-research service; +https://github.com/)";

    /// <summary>Only results from these domains (or their subdomains) are kept; empty keeps every domain.</summary>
    public List<string> IncludeDomains { get; set; } = [];

    /// <summary>Results from these domains (or their subdomains) are dropped, even when also included.</summary>
    public List<string> ExcludeDomains { get; set; } = [];

    /// <summary>Longest snippet returned with a hit, in characters.</summary>
    [Range(40, 10_000)]
    public int SnippetCharacters { get; set; } = 300;

    /// <summary>Largest response body read from a search API, in bytes; a longer one is refused as malformed.</summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The domain filter these lists describe.</summary>
    public DomainFilter Domains() => new(IncludeDomains, ExcludeDomains);
}
