using Researcher.Core.Text;

namespace Researcher.Core.Context;

/// <summary>
/// The passages kept so far for one sub-question and what they use of its budget: passages,
/// characters, tokens, and each source's characters. A passage is kept only when every limit still
/// holds with it and it is no near-duplicate (term overlap) of a passage already kept; kept
/// passages are never cut, so each keeps its source and its citation stays exact.
/// </summary>
internal sealed class KeptPassages(
    PassageBudget budget, int maxTokens, int maxCharactersPerSource, double nearDuplicateSimilarity, ITokenCounter tokenCounter)
{
    private readonly List<Passage> passages = [];
    private readonly List<IReadOnlySet<string>> keptTerms = [];
    private readonly Dictionary<string, int> charactersBySource = new(StringComparer.Ordinal);
    private int charactersUsed;
    private int tokensUsed;

    /// <summary>The kept passages, in the order they were kept.</summary>
    public IReadOnlyList<Passage> Passages => passages;

    /// <summary>Whether no further passage can be kept, whatever its size.</summary>
    public bool IsFull => passages.Count >= budget.MaxPassages;

    /// <summary>
    /// Whether <paramref name="candidate"/> fits what is left of the budget (passage count, characters,
    /// its source's share). Budgets only shrink, so a candidate that does not fit now never will.
    /// </summary>
    public bool Fits(PassageCandidate candidate)
    {
        var length = candidate.Text.Length;
        return !IsFull
            && charactersUsed + length <= budget.MaxCharacters
            && charactersBySource.GetValueOrDefault(candidate.SourceLocation) + length <= maxCharactersPerSource;
    }

    /// <summary>
    /// Keeps <paramref name="candidate"/> with <paramref name="score"/> when it <see cref="Fits"/>, its
    /// tokens fit too, and it is no near-duplicate of a kept passage; false (nothing kept) otherwise.
    /// </summary>
    public bool TryKeep(PassageCandidate candidate, IReadOnlySet<string> terms, double score)
    {
        if (!Fits(candidate)) return false;
        if (keptTerms.Any(kept => TermOverlap.Jaccard(kept, terms) >= nearDuplicateSimilarity)) return false;
        var tokens = tokenCounter.CountTokens(candidate.Text);
        if (tokensUsed + tokens > maxTokens) return false;

        passages.Add(new Passage(candidate.SourceLocation, candidate.SourceTitle, candidate.Section, candidate.Text, score, candidate.OpensSection));
        keptTerms.Add(terms);
        charactersUsed += candidate.Text.Length;
        tokensUsed += tokens;
        charactersBySource[candidate.SourceLocation] = charactersBySource.GetValueOrDefault(candidate.SourceLocation) + candidate.Text.Length;
        return true;
    }
}
