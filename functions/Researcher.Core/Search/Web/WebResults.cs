using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace Researcher.Core.Search.Web;

/// <summary>One result as a provider's API gave it, before cleaning: any field may be missing.</summary>
internal sealed record WebResult(string? Url, string? Title, string? Snippet, double? Score = null);

/// <summary>
/// Turns a provider's raw results into the hits every web provider returns: results without an
/// absolute http(s) URL dropped, the domain filter applied, one hit per location (the first, so the
/// best ranked), at most the number asked for, and scores that fall in result order —
/// the API's own scores scaled to (0, 1] when every result has one, else by rank (1, 1/2, 1/3, …).
/// </summary>
internal static class WebResults
{
    /// <summary>Whether a search for <paramref name="query"/> is worth sending at all.</summary>
    public static bool IsSearchable(string query, int maxResults) => maxResults > 0 && !string.IsNullOrWhiteSpace(query);

    /// <summary>
    /// How many results to ask an API for: a few more than wanted when a filter or duplicates may
    /// remove some, within the API's own limit.
    /// </summary>
    public static int RequestCount(int maxResults, DomainFilter filter, int apiLimit) =>
        Math.Clamp(filter.IsEmpty ? maxResults + Math.Min(maxResults, 5) / 2 : maxResults * 2, 1, apiLimit);

    public static IReadOnlyList<SearchHit> Finish(IEnumerable<WebResult> results, int maxResults, DomainFilter filter, int snippetCharacters)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<(string Location, string Title, string Snippet, double? Score)>();
        foreach (var result in results)
        {
            if (HttpLocation(result.Url) is not { } location || !filter.Allows(location)) continue;
            if (!seen.Add(SearchLocations.Key(location))) continue;
            var title = PlainText.Collapse(result.Title);
            kept.Add((location, title.Length > 0 ? title : location, PlainText.Truncate(PlainText.Collapse(result.Snippet), snippetCharacters), result.Score));
        }

        var scored = kept.All(hit => hit.Score is not null) && kept.Count > 0 && kept.Max(hit => hit.Score!.Value) > 0;
        var ordered = (scored ? kept.OrderByDescending(hit => hit.Score!.Value).ToList() : kept).Take(maxResults).ToList();
        var best = scored ? ordered[0].Score!.Value : 1;
        return ordered
            .Select((hit, rank) => new SearchHit(hit.Location, hit.Title, null,
                scored ? Math.Max(hit.Score!.Value, 0) / best : 1.0 / (rank + 1), hit.Snippet))
            .ToList();
    }

    private static string? HttpLocation(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return null;
        return uri.Scheme is "http" or "https" && uri.Host.Length > 0 ? uri.AbsoluteUri : null;
    }
}

/// <summary>The comparison key that makes two spellings of one location count as the same result.</summary>
internal static class SearchLocations
{
    /// <summary>
    /// For a URL: scheme and host in lower case, default port, no fragment, no trailing slash on the
    /// path. Anything else (a local document path) is compared as written.
    /// </summary>
    public static string Key(string location)
    {
        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return location;
        var path = uri.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped).TrimEnd('/');
        return $"{uri.Scheme}://{uri.IdnHost.ToLowerInvariant()}{(uri.IsDefaultPort ? "" : ":" + uri.Port)}{path}{uri.Query}";
    }
}

/// <summary>Plain text from the titles and snippets APIs send, which may hold HTML tags and entities.</summary>
internal static partial class PlainText
{
    /// <summary>
    /// <paramref name="markup"/> as plain text: tags removed and entities decoded as a browser would
    /// (through AngleSharp) when it holds tags, else just its entities decoded — so a plain "a &lt; b"
    /// keeps its "&lt;". Whitespace is collapsed.
    /// </summary>
    public static string FromMarkup(string? markup)
    {
        if (string.IsNullOrWhiteSpace(markup)) return "";
        string text;
        if (TagLike().IsMatch(markup))
        {
            var parser = new HtmlParser();
            text = string.Concat(parser.ParseFragment(markup, parser.ParseDocument("").Body!).Select(node => node.TextContent));
        }
        else
        {
            text = WebUtility.HtmlDecode(markup);
        }
        return Collapse(text);
    }

    /// <summary>Runs of whitespace (newlines included) as one space, trimmed.</summary>
    public static string Collapse(string? text) =>
        string.IsNullOrEmpty(text) ? "" : Whitespace().Replace(text, " ").Trim();

    /// <summary>At most <paramref name="maxCharacters"/> characters, cut at a word boundary with an ellipsis when shortened.</summary>
    public static string Truncate(string text, int maxCharacters)
    {
        if (text.Length <= maxCharacters) return text;
        var cut = text.LastIndexOf(' ', maxCharacters - 1);
        return text[..(cut > maxCharacters / 2 ? cut : maxCharacters - 1)].TrimEnd() + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"</?[a-zA-Z][^<>]*>|<!--")]
    private static partial Regex TagLike();
}
