using System.ComponentModel.DataAnnotations;

namespace Researcher.Core.Context;

/// <summary>How sources are cut into passages and which passages are kept. Bound from <c>Research:Passages</c>.</summary>
public sealed class PassageSelectionOptions
{
    public const string SectionName = "Research:Passages";

    /// <summary>The default of <see cref="MaxPassageCharacters"/>, which the document index cuts its passages to as well.</summary>
    public const int DefaultMaxPassageCharacters = 900;

    /// <summary>Longest passage, in characters: consecutive paragraphs of a section are grouped up to this size.</summary>
    [Range(100, 100_000)]
    public int MaxPassageCharacters { get; set; } = DefaultMaxPassageCharacters;

    /// <summary>
    /// Most tokens (o200k_base, see <see cref="Text.ITokenCounter"/>) the passages kept for one
    /// sub-question may cost, beside the request's passage-count and character budget. 2000 by
    /// default: the default character budget (6000) is about 1400 tokens of English documentation
    /// (4.3 characters a token, measured on this repository's docs and the Python documentation), so
    /// this leaves such text as it was (the quality benchmark's reports are unchanged) and bounds only
    /// token-dense text (hexadecimal, tables, URLs, scripts other than Latin), which would otherwise
    /// cost the writer's prompt up to three times as much; eight sub-questions then send at most
    /// 16,000 tokens of evidence.
    /// </summary>
    [Range(100, 1_000_000)]
    public int MaxTokensPerSubQuestion { get; set; } = 2000;

    /// <summary>Largest share of a sub-question's character budget one source may fill when several sources match.</summary>
    [Range(0.1, 1.0)]
    public double MaxShareOfOneSource { get; set; } = 0.5;

    /// <summary>Term overlap (Jaccard, 0-1) at or above which a passage counts as a near-duplicate of one already kept.</summary>
    [Range(0.1, 1.0)]
    public double NearDuplicateSimilarity { get; set; } = 0.7;

    /// <summary>Bonus per question term found in the passage's section heading, as a multiple of that term's idf.</summary>
    [Range(0.0, 10.0)]
    public double HeadingBonus { get; set; } = 0.75;

    /// <summary>
    /// With embeddings: the share of a passage's relevance that its similarity to the sub-question
    /// makes up, the rest being its BM25 score (both scaled to 0-1 over the candidates, then combined:
    /// <see cref="Text.ConvexCombination"/>). 0.9 by default: on the quality benchmark's tuning questions
    /// 0.9 and 1 did best of 0.5 to 1 (BENCHMARKS.md), and 0.9 keeps BM25 to part passages the
    /// embeddings find alike; 0 ranks by BM25 alone, 1 by meaning alone.
    /// </summary>
    [Range(0.0, 1.0)]
    public double DenseWeight { get; set; } = 0.9;

    /// <summary>
    /// With embeddings: the weight of relevance against novelty when passages are kept by maximal
    /// marginal relevance (MMR's λ: 1 keeps the order of their fused relevance, 0 only avoids repeating what is
    /// kept). 0.5 by default, the equal weighting MMR is usually run with: a passage as similar to a
    /// kept one as it is relevant gains nothing, so a paraphrase from a second source waits behind a
    /// new fact.
    /// </summary>
    [Range(0.0, 1.0)]
    public double RelevanceWeight { get; set; } = 0.5;

    /// <summary>
    /// With embeddings: the most tokens of one passage (or of the sub-question) sent to the embedding
    /// model; a longer text is embedded by its start. 512 by default, the input limit of the small
    /// BERT-family models local servers often run (OpenAI's take 8191); default passages (900
    /// characters, about 200 to 250 tokens) are never cut.
    /// </summary>
    [Range(16, 8191)]
    public int MaxEmbeddingInputTokens { get; set; } = 512;

    /// <summary>
    /// With embeddings: texts sent in one embedding request. 64 by default: at most 64 × 512 tokens a
    /// request, well inside every service's limits (OpenAI's is 2048 inputs), while a sub-question's
    /// few hundred passages still take only a handful of requests, sent in parallel through the
    /// provider's shared limiter.
    /// </summary>
    [Range(1, 2048)]
    public int EmbeddingBatchSize { get; set; } = 64;
}
