using Microsoft.Extensions.Options;

namespace Researcher.Core.Search;

/// <summary>
/// Asks the research's search whether it can search now, waiting a little for it: at once for a
/// provider that needs no preparing (a web search API) or one already prepared; otherwise it
/// starts the preparation (the local index's build) if nothing has, waits for it at most
/// <see cref="DocumentIndexOptions.ProgressInterval"/>, and says where it is, so that a caller can
/// show that and ask again. A preparation that failed throws what a search would (asking again
/// prepares again).
/// </summary>
public sealed class SearchPreparation(ISearchProvider search, IOptions<DocumentIndexOptions> options, TimeProvider time)
{
    private static readonly IndexProgress Searchable = new(IndexPhase.Ready, 0, 0);

    /// <summary>Where the search's preparation is: a searchable phase (<see cref="IndexProgress.IsSearchable"/>) once it can search.</summary>
    public async Task<IndexProgress> WaitAsync(CancellationToken cancellationToken)
    {
        if (search is not ISearchReadiness readiness) return Searchable;
        var searchable = readiness.WhenSearchableAsync(cancellationToken);
        if (!searchable.IsCompleted)
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var patience = Task.Delay(options.Value.ProgressInterval, time, waiting.Token);
            await Task.WhenAny(searchable, patience);
            if (!searchable.IsCompleted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Searchable already, when the build is about to hand the index out (its first search waits for that instant).
                return readiness.Progress;
            }
            await waiting.CancelAsync();
        }
        await searchable;
        return Searchable;
    }
}
