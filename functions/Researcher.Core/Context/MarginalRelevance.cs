namespace Researcher.Core.Context;

/// <summary>
/// Maximal marginal relevance over items with embeddings: the best next item maximises
/// λ·relevance − (1 − λ)·(its greatest cosine similarity to an item chosen before it). The caller
/// keeps the pool and says which item it chose (<see cref="Chosen"/>), so an item it passes over
/// (one that does not fit a budget) weighs on nothing. Used by the passage selector and the planner.
/// </summary>
internal sealed class MarginalRelevance(IReadOnlyList<ReadOnlyMemory<float>> vectors, Func<int, double> relevance, double weight)
{
    private readonly double[] mostSimilarChosen = new double[vectors.Count];

    /// <summary>The best next item of <paramref name="pool"/> (indices into the vectors; the first of equals, so a tie goes to the earlier one).</summary>
    public int Best(IEnumerable<int> pool) => pool.MaxBy(i => weight * relevance(i) - (1 - weight) * mostSimilarChosen[i]);

    /// <summary>Counts <paramref name="chosen"/> as chosen: every item of <paramref name="pool"/> now weighs its similarity to it.</summary>
    public void Chosen(int chosen, IEnumerable<int> pool)
    {
        foreach (var i in pool)
            mostSimilarChosen[i] = Math.Max(mostSimilarChosen[i], PassageEmbeddings.Cosine(vectors[i], vectors[chosen]));
    }
}
