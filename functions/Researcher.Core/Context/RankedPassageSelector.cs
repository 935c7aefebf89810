using Microsoft.Extensions.Options;
using Researcher.Core.Planning;
using Researcher.Core.Reading;
using Researcher.Core.Text;

namespace Researcher.Core.Context;

/// <summary>
/// Keeps the passages of the read sources that best answer a sub-question. Passages (see
/// <see cref="PassageChunker"/>) are ranked by BM25 over analysed terms, plus a bonus for question
/// terms in their section heading; passages with no question term are never kept. The best are
/// taken greedily within the budget (passage count and characters), skipping near-duplicates of a
/// kept passage and, when more than one source matches, passages that would let one source fill more
/// than <see cref="PassageSelectionOptions.MaxShareOfOneSource"/> of the characters. Deterministic.
/// </summary>
public sealed class RankedPassageSelector(IOptions<PassageSelectionOptions> options) : IPassageSelector
{
    private readonly PassageSelectionOptions settings = options.Value;

    public IReadOnlyList<Passage> Select(SubQuestion subQuestion, IReadOnlyList<SourceDocument> sources, PassageBudget budget)
    {
        var passageSize = Math.Min(settings.MaxPassageCharacters, budget.MaxCharacters);
        var candidates = sources.SelectMany(source => PassageChunker.Chunk(source, passageSize)).ToList();
        var questionTerms = ResearchAnalyzer.DistinctTerms(subQuestion.Text);
        if (candidates.Count == 0 || questionTerms.Count == 0 || budget.MaxPassages <= 0) return [];

        var terms = candidates.Select(c => ResearchAnalyzer.Terms(c.Text)).ToList();
        var bm25 = new Bm25Scorer(terms);
        var ranked = candidates
            .Select((candidate, i) => (Candidate: candidate, Terms: terms[i].ToHashSet(StringComparer.Ordinal),
                Score: bm25.Score(questionTerms, i) + HeadingBonus(candidate.Section, questionTerms, bm25)))
            .Where(c => c.Score > 0)
            .OrderByDescending(c => c.Score)
            .ToList();

        var matchingSources = ranked.Select(c => c.Candidate.SourceLocation).Distinct(StringComparer.Ordinal).Count();
        var perSourceCharacters = matchingSources > 1
            ? Math.Max((int)(budget.MaxCharacters * settings.MaxShareOfOneSource), passageSize)
            : budget.MaxCharacters;

        var kept = new List<(Passage Passage, HashSet<string> Terms)>();
        var charactersUsed = 0;
        var charactersBySource = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (candidate, candidateTerms, score) in ranked)
        {
            if (kept.Count >= budget.MaxPassages) break;
            var length = candidate.Text.Length;
            var sourceUsed = charactersBySource.GetValueOrDefault(candidate.SourceLocation);
            if (charactersUsed + length > budget.MaxCharacters || sourceUsed + length > perSourceCharacters) continue;
            if (kept.Any(k => TermOverlap.Jaccard(k.Terms, candidateTerms) >= settings.NearDuplicateSimilarity)) continue;

            kept.Add((new Passage(candidate.SourceLocation, candidate.SourceTitle, candidate.Section, candidate.Text, score), candidateTerms));
            charactersUsed += length;
            charactersBySource[candidate.SourceLocation] = sourceUsed + length;
        }
        return kept.Select(k => k.Passage).ToList();
    }

    private double HeadingBonus(string? heading, IReadOnlySet<string> questionTerms, Bm25Scorer bm25)
    {
        if (heading is null) return 0;
        return ResearchAnalyzer.DistinctTerms(heading).Where(questionTerms.Contains)
            .Sum(term => settings.HeadingBonus * bm25.InverseDocumentFrequency(term));
    }

}
