using Researcher.Core.Text;

namespace Researcher.Core.Search;

/// <summary>
/// Pseudo-relevance feedback: the terms that characterise the best sections of a first search
/// (frequent in them, rare in the collection), which a second search adds to the user's words with
/// a lower weight so that documents phrased differently from the question are found too.
/// </summary>
internal static class RelevanceFeedback
{
    private const int MinTermLength = 3;

    /// <summary>At most <see cref="LocalSearchOptions.FeedbackTerms"/> expansion terms, strongest first, none of them already in the query.</summary>
    public static IReadOnlyList<WeightedTerm> ExpansionTerms(
        IReadOnlyList<IndexedSection> feedbackSections, IReadOnlySet<string> queryTerms, SectionIndex index, LocalSearchOptions options)
    {
        var strength = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var section in feedbackSections)
        {
            var terms = ResearchAnalyzer.Terms($"{section.Heading}\n{section.Body}");
            if (terms.Count == 0) continue;
            foreach (var group in terms.GroupBy(t => t, StringComparer.Ordinal))
            {
                if (group.Key.Length < MinTermLength || queryTerms.Contains(group.Key) || group.Key.All(char.IsDigit)) continue;
                var weight = (double)group.Count() / terms.Count * index.InverseDocumentFrequency(group.Key);
                strength[group.Key] = strength.GetValueOrDefault(group.Key) + weight;
            }
        }
        if (strength.Count == 0) return [];

        var strongest = strength
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Take(options.FeedbackTerms)
            .ToList();
        var top = strongest[0].Value;
        return strongest.Select(pair => new WeightedTerm(pair.Key, options.FeedbackWeight * pair.Value / top)).ToList();
    }
}
