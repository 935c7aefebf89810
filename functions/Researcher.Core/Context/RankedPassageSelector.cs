using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Researcher.Core.Planning;
using Researcher.Core.Reading;
using Researcher.Core.Text;

namespace Researcher.Core.Context;

/// <summary>
/// Keeps the passages of the read sources that best answer a sub-question, within the request's
/// budget (passage count and characters) and <see cref="PassageSelectionOptions.MaxTokensPerSubQuestion"/>,
/// never keeping a near-duplicate (term overlap) of a kept passage nor, when more than one source
/// matches, letting one source fill more than <see cref="PassageSelectionOptions.MaxShareOfOneSource"/>
/// of the characters (see <see cref="KeptPassages"/>). Passages (see <see cref="PassageChunker"/>) are
/// ranked by BM25 over analysed terms plus a bonus for question terms in their section heading.
/// </summary>
/// <remarks>
/// <para>Without embeddings, passages with no question term are never kept, and the best are taken
/// greedily in BM25 order. Deterministic.</para>
/// <para>With an embedding model, the BM25 scores are fused by a <see cref="ConvexCombination"/> with
/// every passage's cosine similarity to the sub-question (<see cref="PassageSelectionOptions.DenseWeight"/>),
/// so a passage that says the same in other words counts too (every passage of a read source is then a
/// candidate; the budget bounds how many are kept). Passages are then kept by maximal marginal
/// relevance: each next one maximises λ·relevance − (1 − λ)·(its greatest cosine similarity to a kept
/// passage), relevance being the fused score over the best one's and λ
/// <see cref="PassageSelectionOptions.RelevanceWeight"/>. MMR rather than the term-overlap skip alone,
/// because the embeddings see what the skip cannot: a paraphrase of a kept passage (the same news
/// rewritten by a second site) gives way to a passage with something new, by degrees rather than at
/// a threshold whose right value would differ from one embedding model to another. Deterministic for
/// given vectors; a failed embedding call fails the selection.</para>
/// </remarks>
public sealed class RankedPassageSelector(
    IOptions<PassageSelectionOptions> options,
    ITokenCounter tokenCounter,
    IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator = null) : IPassageSelector
{
    private readonly PassageSelectionOptions settings = options.Value;

    private readonly PassageEmbeddings? embeddings = embeddingGenerator is null
        ? null
        : new PassageEmbeddings(embeddingGenerator, tokenCounter, options.Value.MaxEmbeddingInputTokens, options.Value.EmbeddingBatchSize);

    public async Task<IReadOnlyList<Passage>> SelectAsync(
        SubQuestion subQuestion, IReadOnlyList<SourceDocument> sources, PassageBudget budget, CancellationToken cancellationToken)
    {
        var passageSize = Math.Min(settings.MaxPassageCharacters, budget.MaxCharacters);
        var candidates = sources.SelectMany(source => PassageChunker.Chunk(source, passageSize)).ToList();
        var questionTerms = ResearchAnalyzer.DistinctTerms(subQuestion.SearchText);
        if (candidates.Count == 0 || budget.MaxPassages <= 0) return [];

        var terms = candidates.Select(c => ResearchAnalyzer.Terms(c.Text)).ToList();
        var bm25 = new Bm25Scorer(terms);
        var ranked = candidates
            .Select((candidate, i) => new Ranked(candidate, terms[i].ToHashSet(StringComparer.Ordinal),
                bm25.Score(questionTerms, i) + HeadingBonus(candidate.Section, questionTerms, bm25)))
            .ToList();

        if (embeddings is null)
            return KeepInBm25Order(ranked, budget, passageSize);
        var vectors = await embeddings.EmbedAsync([subQuestion.SearchText, .. candidates.Select(c => c.Text)], cancellationToken);
        return KeepByMarginalRelevance(ranked, vectors[0], vectors.Skip(1).ToList(), budget, passageSize);
    }

    /// <summary>Keeps the candidates with a BM25 score above 0 greedily, best first (ties in the order the sources were read), with their scores.</summary>
    private IReadOnlyList<Passage> KeepInBm25Order(IReadOnlyList<Ranked> candidates, PassageBudget budget, int passageSize)
    {
        var order = candidates.Where(c => c.Score > 0).OrderByDescending(c => c.Score).ToList();
        var kept = Budget(order, budget, passageSize);
        foreach (var (candidate, terms, score) in order)
        {
            if (kept.IsFull) break;
            kept.TryKeep(candidate, terms, score);
        }
        return kept.Passages;
    }

    /// <summary>
    /// Fuses the BM25 scores of <paramref name="candidates"/> (those above 0) with every one's
    /// similarity to the question, then keeps passages by maximal
    /// marginal relevance, each with its fused score. <paramref name="passageVectors"/> are the
    /// candidates' embeddings, in their order.
    /// </summary>
    private IReadOnlyList<Passage> KeepByMarginalRelevance(IReadOnlyList<Ranked> candidates,
        ReadOnlyMemory<float> questionVector, IReadOnlyList<ReadOnlyMemory<float>> passageVectors, PassageBudget budget, int passageSize)
    {
        var all = Enumerable.Range(0, candidates.Count).ToList();
        var fused = ConvexCombination.Of(
            candidates.Select(c => c.Score > 0 ? c.Score : (double?)null).ToList(),
            all.Select(i => (double?)PassageEmbeddings.Cosine(questionVector, passageVectors[i])).ToList(),
            settings.DenseWeight);

        var pool = all.OrderByDescending(i => fused[i]).ToList();
        var bestFused = fused[pool[0]];
        var marginal = new MarginalRelevance(passageVectors, i => bestFused > 0 ? fused[i] / bestFused : 0, settings.RelevanceWeight);
        var kept = Budget(candidates, budget, passageSize);
        while (!kept.IsFull)
        {
            pool.RemoveAll(i => !kept.Fits(candidates[i].Candidate));
            if (pool.Count == 0) break;
            // A tie goes to the better fused rank (the pool is in that order).
            var next = marginal.Best(pool);
            pool.Remove(next);
            if (!kept.TryKeep(candidates[next].Candidate, candidates[next].Terms, fused[next])) continue;
            marginal.Chosen(next, pool);
        }
        return kept.Passages;
    }

    /// <summary>
    /// The budget to fill from <paramref name="ranked"/>: when they come from several sources, one
    /// source may fill only its share of the characters (at least one passage of <paramref name="passageSize"/>).
    /// </summary>
    private KeptPassages Budget(IEnumerable<Ranked> ranked, PassageBudget budget, int passageSize)
    {
        var rankedSources = ranked.Select(c => c.Candidate.SourceLocation).Distinct(StringComparer.Ordinal).Count();
        var perSourceCharacters = rankedSources > 1
            ? Math.Max((int)(budget.MaxCharacters * settings.MaxShareOfOneSource), passageSize)
            : budget.MaxCharacters;
        return new KeptPassages(budget, settings.MaxTokensPerSubQuestion, perSourceCharacters, settings.NearDuplicateSimilarity, tokenCounter);
    }

    private double HeadingBonus(string? heading, IReadOnlySet<string> questionTerms, Bm25Scorer bm25)
    {
        if (heading is null) return 0;
        return ResearchAnalyzer.DistinctTerms(heading).Where(questionTerms.Contains)
            .Sum(term => settings.HeadingBonus * bm25.InverseDocumentFrequency(term));
    }

    /// <summary>A candidate with its analysed terms and its BM25 score (heading bonus included).</summary>
    private sealed record Ranked(PassageCandidate Candidate, IReadOnlySet<string> Terms, double Score);
}
