namespace Researcher.Core.Search;

/// <summary>
/// One search result. <see cref="Location"/> is what a reader opens and what the report cites: a
/// URL, or a path relative to the document folder. <see cref="Section"/> is the heading of the
/// matching part of the document, when known; <see cref="SectionIsShared"/> when other documents of
/// the collection have a section with that heading too ("Examples", "Introduction"), so it names no
/// topic without its document's title.
/// </summary>
public sealed record SearchHit(string Location, string Title, string? Section, double Score, string Snippet, bool SectionIsShared = false);

/// <summary>A source of search results (local documents now; web search APIs later). One file per provider.</summary>
public interface ISearchProvider
{
    /// <summary>The best results for the query, best first, at most <paramref name="maxResults"/>, one per location.</summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken);
}
