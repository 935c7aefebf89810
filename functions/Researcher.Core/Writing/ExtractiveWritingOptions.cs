using System.ComponentModel.DataAnnotations;

namespace Researcher.Core.Writing;

/// <summary>How the offline writer picks and lays out sentences. Bound from <c>Research:Writing</c>.</summary>
public sealed class ExtractiveWritingOptions
{
    public const string SectionName = "Research:Writing";

    /// <summary>
    /// The summary's length budget in words, counted over the ranked sentences it takes (not the
    /// sentence or heading one of them is quoted with): the best-ranked are taken while they fit, one
    /// that does not is passed over for a shorter one after it. The first always goes in, however long.
    /// </summary>
    [Range(20, 2000)]
    public int MaxSummaryWords { get; set; } = 150;

    /// <summary>A summary sentence after the first must score at least this share of the first's score.</summary>
    [Range(0.0, 1.0)]
    public double SummaryMinRelativeScore { get; set; } = 0.35;

    /// <summary>Most sentences in each sub-question's section of a research report.</summary>
    [Range(1, 50)]
    public int MaxSentencesPerSection { get; set; } = 7;

    /// <summary>Most bullet points under each sub-question of an outline report.</summary>
    [Range(1, 50)]
    public int MaxKeyPointsPerSection { get; set; } = 4;

    /// <summary>Shortest sentence used, in characters (shorter ones are usually fragments).</summary>
    [Range(5, 500)]
    public int MinSentenceCharacters { get; set; } = 30;

    /// <summary>Longest sentence used, in characters (longer ones are usually run-together lists or code).</summary>
    [Range(50, 10_000)]
    public int MaxSentenceCharacters { get; set; } = 450;

    /// <summary>Score multiplier for a sentence that defines or instructs ("X is ...", "To do X, ...") about a question term.</summary>
    [Range(1.0, 10.0)]
    public double DefinitionBoost { get; set; } = 1.6;

    /// <summary>
    /// BM25 length normalization (b, 0-1) when ranking sentences. Lower than the usual 0.75, so a
    /// sentence that states the answer with its details is not beaten by a shorter, vaguer one.
    /// </summary>
    [Range(0.0, 1.0)]
    public double SentenceLengthNormalization { get; set; } = 0.3;

    /// <summary>
    /// Score multiplier, for a how-to question ("How do I ...?"), of a sentence that names code
    /// (a `code span`): the function, option or command to use is usually the answer.
    /// </summary>
    [Range(1.0, 10.0)]
    public double NamedToolBoost { get; set; } = 1.6;

    /// <summary>Term overlap (Jaccard, 0-1) at or above which two sentences count as saying the same thing.</summary>
    [Range(0.1, 1.0)]
    public double NearDuplicateSimilarity { get; set; } = 0.6;

    /// <summary>
    /// Pseudo-relevance feedback for ranking sentences: up to <see cref="FeedbackTerms"/> terms of the
    /// <see cref="FeedbackPassages"/> best passages a ranking draws on are added to the question's,
    /// the strongest weighing <see cref="FeedbackWeight"/> of a question term. Either count at 0, or
    /// the weight, turns it off. The defaults are the search's (<c>Research:Search:Feedback*</c>).
    /// </summary>
    [Range(0, 50)]
    public int FeedbackPassages { get; set; } = 3;

    /// <inheritdoc cref="FeedbackPassages"/>
    [Range(0, 100)]
    public int FeedbackTerms { get; set; } = 8;

    /// <inheritdoc cref="FeedbackPassages"/>
    [Range(0.0, 1.0)]
    public double FeedbackWeight { get; set; } = 0.3;

    /// <summary>
    /// With embeddings (<c>Research:Embeddings:Enabled</c>), the least cosine similarity between a
    /// sentence and the question for its meaning to count in its rank (below it, only its terms do).
    /// </summary>
    [Range(-1.0, 1.0)]
    public double MinSentenceSimilarity { get; set; } = 0.35;

    /// <summary>
    /// With embeddings, the share of a sentence's score in a report section (the summary has
    /// <see cref="SummaryDenseWeight"/>) that its similarity to the question makes up, the rest being
    /// its lexical score (both scaled to 0-1 over the sentences ranked, then combined:
    /// <see cref="Text.ConvexCombination"/>). 0.5 by default: 0.5, 0.6 and 0.7 did equally well on the
    /// quality benchmark's tuning questions, better than 0.3 and 0.4 and than reciprocal rank fusion
    /// (BENCHMARKS.md), and equal weights are the choice that presumes nothing; 0 ranks by terms alone.
    /// </summary>
    [Range(0.0, 1.0)]
    public double DenseWeight { get; set; } = 0.5;

    /// <summary>
    /// With embeddings, <see cref="DenseWeight"/> for the summary's sentences, ranked against the
    /// whole question as the user asked it (a sentence or two of their own words and context) rather
    /// than against a sub-question that names a document's section. 0.85 by default: the best of
    /// 0.5 to 1 on the quality benchmark's tuning questions (BENCHMARKS.md).
    /// </summary>
    [Range(0.0, 1.0)]
    public double SummaryDenseWeight { get; set; } = 0.85;
}
