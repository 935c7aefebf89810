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

    /// <summary>
    /// The combined score of each item, in order, from its score by terms and by meaning (the two
    /// lists align item by item; null where a ranking does not rank the item, which adds 0), each
    /// scaled over the scores its ranking has, the meaning weighing <paramref name="meaningWeight"/>.
    /// </summary>
    public static double[] Of(IReadOnlyList<double?> byTerms, IReadOnlyList<double?> byMeaning, double meaningWeight)
    {
        if (byTerms.Count != byMeaning.Count) throw new ArgumentException("The two rankings must score the same items.", nameof(byMeaning));
        var terms = Scaled(byTerms);
        var meaning = Scaled(byMeaning);
        return Enumerable.Range(0, byTerms.Count).Select(i => (1 - meaningWeight) * terms[i] + meaningWeight * meaning[i]).ToArray();
    }

    /// <summary>Each score scaled over the scores present (<see cref="Scaled(double, double, double)"/>); 0 where there is none.</summary>
    private static double[] Scaled(IReadOnlyList<double?> scores)
    {
        var present = scores.OfType<double>().ToList();
        if (present.Count == 0) return new double[scores.Count];
        var (lowest, highest) = (present.Min(), present.Max());
        return scores.Select(score => score is { } value ? Scaled(value, lowest, highest) : 0).ToArray();
    }
}
