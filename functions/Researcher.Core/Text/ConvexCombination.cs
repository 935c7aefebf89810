namespace Researcher.Core.Text;

/// <summary>
/// Fusing a ranking by terms with a ranking by meaning as a convex combination of their scores,
/// each scaled to 0-1 over the items it ranked (min-max): <c>w × meaning + (1 − w) × terms</c>.
/// Unlike <see cref="ReciprocalRankFusion"/>, an item far ahead in one ranking keeps its lead over
/// one that is middling in both (Bruch, Gai and Ingber, "An Analysis of Fusion Functions for Hybrid
/// Retrieval", 2023, found it the better fusion).
/// </summary>
public static class ConvexCombination
{
    /// <summary><paramref name="score"/> scaled to 0-1 between the lowest and highest score of its ranking (1 when they are equal).</summary>
    public static double Scaled(double score, double lowest, double highest) =>
        highest > lowest ? (score - lowest) / (highest - lowest) : 1;
}
