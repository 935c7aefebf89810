namespace Researcher.Core.Text;

/// <summary>
/// Pseudo-relevance feedback: the terms that characterise the best texts of a first ranking
/// (frequent in them, rare in the collection), which a second ranking adds to the user's words with
/// a lower weight so that texts phrased differently from the question are found too. The search
/// expands a question with its best sections' terms; the offline writer expands it with its best
/// passages' terms, so a sentence naming what the evidence is about ("`pickle`", "`Counter`") ranks
/// though it shares no word with the question.
/// </summary>
internal static class RelevanceFeedback
{
    private const int MinTermLength = 3;

    /// <summary>
    /// At most <paramref name="termsWanted"/> expansion terms from <paramref name="feedbackTexts"/>,
    /// strongest first, none of them already in <paramref name="queryTerms"/>: the strongest weighs
    /// <paramref name="weight"/> and the others in proportion to their strength.
    /// </summary>
    public static IReadOnlyList<WeightedTerm> ExpansionTerms(IEnumerable<string> feedbackTexts,
        IReadOnlySet<string> queryTerms, Func<string, double> inverseDocumentFrequency, int termsWanted, double weight)
    {
        if (termsWanted <= 0 || weight <= 0) return [];
        var strength = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var text in feedbackTexts)
        {
            var terms = ResearchAnalyzer.Terms(text);
            if (terms.Count == 0) continue;
            foreach (var group in terms.GroupBy(t => t, StringComparer.Ordinal))
            {
                if (group.Key.Length < MinTermLength || queryTerms.Contains(group.Key) || group.Key.All(char.IsDigit)) continue;
                var termWeight = (double)group.Count() / terms.Count * inverseDocumentFrequency(group.Key);
                strength[group.Key] = strength.GetValueOrDefault(group.Key) + termWeight;
            }
        }
        var strongest = strength
            .Where(pair => pair.Value > 0)
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Take(termsWanted)
            .ToList();
        if (strongest.Count == 0) return [];
        var top = strongest[0].Value;
        return strongest.Select(pair => new WeightedTerm(pair.Key, weight * pair.Value / top)).ToList();
    }
}
