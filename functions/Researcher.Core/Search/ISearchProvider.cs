namespace Researcher.Core.Search;

/// <summary>
/// One search result. <see cref="Location"/> is what a reader opens and what the report cites: a
/// URL, or a path relative to the document folder. <see cref="Section"/> is the heading of the
/// matching part of the document, when known.
/// </summary>
public sealed record SearchHit(string Location, string Title, string? Section, double Score, string Snippet);

/// <summary>A source of search results (local documents now; web search APIs later). One file per provider.</summary>
public interface ISearchProvider
{
    /// <summary>The best results for the query, best first, at most <paramref name="maxResults"/>, one per location.</summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken);
}
