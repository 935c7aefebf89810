using Microsoft.Extensions.Logging;
using Researcher.Core.Text;

namespace Researcher.Core.Search.Web;

/// <summary>
/// Several search providers as one: each is asked in parallel for the same number of results, and
/// their lists are merged by <see cref="ReciprocalRankFusion"/> — a location scores Σ 1/(k + rank) over
/// the lists it appears in (rank from 1, k = 60) — so results several engines agree on rise, without
/// having to compare their incomparable scores. One hit per location (the hit from the list that ranked it
/// best, with the fused score). A provider that fails is reported (logger and/or callback) and left
/// out while at least one other answers; when all fail, the first provider's failure is rethrown.
/// Cancellation is never treated as a provider failure. It is searchable once each provider that
/// must be prepared (<see cref="ISearchReadiness"/>: the local index) is, or has failed to be (its
/// searches are then left out like any failing provider's).
/// </summary>
public sealed class HybridSearchProvider : ISearchProvider, ISearchReadiness
{
    private readonly IReadOnlyList<ISearchProvider> providers;
    private readonly ILogger<HybridSearchProvider>? logger;
    private readonly Action<ISearchProvider, Exception>? providerFailed;

    public HybridSearchProvider(IEnumerable<ISearchProvider> providers, ILogger<HybridSearchProvider>? logger = null,
        Action<ISearchProvider, Exception>? providerFailed = null)
    {
        this.providers = providers.ToList();
        if (this.providers.Count == 0) throw new ArgumentException("A hybrid search needs at least one provider.", nameof(providers));
        this.logger = logger;
        this.providerFailed = providerFailed;
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken)
    {
        if (maxResults <= 0) return [];
        var searches = providers.Select(provider => Search(provider, query, maxResults, cancellationToken)).ToList();
        var outcomes = await Task.WhenAll(searches);
        cancellationToken.ThrowIfCancellationRequested();

        var answered = outcomes.Where(outcome => outcome.Hits is not null).Select(outcome => outcome.Hits!).ToList();
        if (answered.Count == 0)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(outcomes[0].Failure!);

        foreach (var (provider, outcome) in providers.Zip(outcomes))
        {
            if (outcome.Failure is null) continue;
            logger?.LogWarning("Search provider {Provider} failed and was left out: {Reason}", provider.GetType().Name, outcome.Failure.Message);
            providerFailed?.Invoke(provider, outcome.Failure);
        }
        return Fuse(answered, maxResults);
    }

    /// <summary>The progress of the first provider still being prepared; ready when none is.</summary>
    public IndexProgress Progress =>
        providers.OfType<ISearchReadiness>().Select(p => p.Progress).FirstOrDefault(p => !p.IsSearchable)
        ?? new IndexProgress(IndexPhase.Ready, 0, 0);

    public async Task WhenSearchableAsync(CancellationToken cancellationToken)
    {
        foreach (var provider in providers.OfType<ISearchReadiness>())
        {
            try
            {
                await provider.WhenSearchableAsync(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Its searches fail too, and are left out (and reported) there.
            }
        }
    }

    /// <summary>The reciprocal-rank fusion of <paramref name="rankings"/> (each best first), at most <paramref name="maxResults"/>.</summary>
    public static IReadOnlyList<SearchHit> Fuse(IReadOnlyList<IReadOnlyList<SearchHit>> rankings, int maxResults)
    {
        var fused = new Dictionary<string, (SearchHit Hit, double Score, int BestRank, int FirstList)>(StringComparer.Ordinal);
        for (var list = 0; list < rankings.Count; list++)
        {
            var seenInList = new HashSet<string>(StringComparer.Ordinal);
            var rank = 0;
            foreach (var hit in rankings[list])
            {
                var key = SearchLocations.Key(hit.Location);
                if (!seenInList.Add(key)) continue;
                rank++;
                var contribution = ReciprocalRankFusion.Contribution(rank);
                fused[key] = fused.TryGetValue(key, out var entry)
                    ? (rank < entry.BestRank ? hit : entry.Hit, entry.Score + contribution, Math.Min(rank, entry.BestRank), entry.FirstList)
                    : (hit, contribution, rank, list);
            }
        }
        return fused.Values
            .OrderByDescending(entry => entry.Score)
            .ThenBy(entry => entry.BestRank)
            .ThenBy(entry => entry.FirstList)
            .Take(maxResults)
            .Select(entry => entry.Hit with { Score = entry.Score })
            .ToList();
    }

    private static async Task<(IReadOnlyList<SearchHit>? Hits, Exception? Failure)> Search(
        ISearchProvider provider, string query, int maxResults, CancellationToken cancellationToken)
    {
        try
        {
            return (await provider.SearchAsync(query, maxResults, cancellationToken), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            return (null, exception);
        }
    }
}
