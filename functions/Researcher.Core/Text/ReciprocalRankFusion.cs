namespace Researcher.Core.Text;

/// <summary>
/// Reciprocal rank fusion: an item's fused score is Σ 1/(k + rank) over the rankings it appears in
/// (rank from 1), so items several rankings agree on rise without comparing the rankings'
/// incomparable scores (BM25 against cosine similarity, one search engine against another).
/// </summary>
public static class ReciprocalRankFusion
{
    /// <summary>The rank constant k; 60 is the value of the original paper (Cormack et al., 2009).</summary>
    public const int RankConstant = 60;

    /// <summary>What the item at <paramref name="rank"/> (1 for the best) of one ranking adds to its fused score.</summary>
    public static double Contribution(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        return 1.0 / (RankConstant + rank);
    }
}
