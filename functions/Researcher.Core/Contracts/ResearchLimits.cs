using System.ComponentModel.DataAnnotations;

namespace Researcher.Core.Contracts;

/// <summary>
/// Every limit a research request is checked against. Bound from the configuration section
/// <c>Research:Limits</c>; each value is documented in the README's configuration table.
/// </summary>
public sealed class ResearchLimits
{
    public const string SectionName = "Research:Limits";

    /// <summary>Longest accepted question, in characters after trimming.</summary>
    [Range(10, 100_000)]
    public int MaxQuestionLength { get; set; } = 2_000;

    /// <summary>Largest accepted request body, in bytes.</summary>
    [Range(1_024, 10_000_000)]
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>Sub-questions planned when the request does not say.</summary>
    [Range(1, 50)]
    public int DefaultSubQuestions { get; set; } = 4;

    /// <summary>Most sub-questions a request may ask for.</summary>
    [Range(1, 50)]
    public int MaxSubQuestions { get; set; } = 8;

    /// <summary>Sources read per sub-question when the request does not say.</summary>
    [Range(1, 50)]
    public int DefaultSourcesPerSubQuestion { get; set; } = 5;

    /// <summary>Most sources per sub-question a request may ask for.</summary>
    [Range(1, 50)]
    public int MaxSourcesPerSubQuestion { get; set; } = 10;

    /// <summary>Most passages kept per sub-question for the writer.</summary>
    [Range(1, 100)]
    public int MaxPassagesPerSubQuestion { get; set; } = 8;

    /// <summary>Most characters of passage text kept per sub-question for the writer.</summary>
    [Range(500, 1_000_000)]
    public int MaxPassageCharactersPerSubQuestion { get; set; } = 6_000;

    /// <summary>Target report length, in words, when the request does not say.</summary>
    [Range(100, 20_000)]
    public int DefaultTargetWords { get; set; } = WritingStyle.DefaultTargetWords;

    /// <summary>Longest target length a request may ask for, in words.</summary>
    [Range(100, 20_000)]
    public int MaxTargetWords { get; set; } = 10_000;

    /// <summary>Longest custom report instructions, in characters.</summary>
    [Range(100, 100_000)]
    public int MaxInstructionsLength { get; set; } = 4_000;

    /// <summary>Most pages a research limited to a list of URLs (<c>sourceUrls</c>) may name.</summary>
    [Range(1, 200)]
    public int MaxSourceUrls { get; set; } = 20;

    /// <summary>
    /// Token budget (input and output of every model call together) of a research whose request
    /// sets none; 0 for none. Applies only with a language model.
    /// </summary>
    [Range(0, 1_000_000_000)]
    public long DefaultMaxTokens { get; set; } = 500_000;

    /// <summary>Largest token budget a request may set.</summary>
    [Range(1_000, 1_000_000_000)]
    public long MaxTokensLimit { get; set; } = 5_000_000;

    /// <summary>
    /// Share of a research's budget that planning and note-taking may spend; the rest is kept for
    /// writing the report, which is written even when gathering stopped at its share.
    /// </summary>
    [Range(0.1, 0.9)]
    public double BudgetGatheringShare { get; set; } = ResearchBudget.DefaultGatheringShare;

    /// <summary>Top-level branches of a deep research whose request sets no <c>breadth</c>.</summary>
    [Range(1, 20)]
    public int DefaultBreadth { get; set; } = 4;

    /// <summary>Largest <c>breadth</c> a deep research may ask for.</summary>
    [Range(1, 20)]
    public int MaxBreadth { get; set; } = 8;

    /// <summary>Levels of a deep research whose request sets no <c>depth</c>.</summary>
    [Range(1, 6)]
    public int DefaultDepth { get; set; } = 2;

    /// <summary>Largest <c>depth</c> a deep research may ask for.</summary>
    [Range(1, 6)]
    public int MaxDepth { get; set; } = 4;

    /// <summary>Sources a deep research may read in all when its request sets no <c>maxSources</c>.</summary>
    [Range(1, 5_000)]
    public int DefaultDeepSources { get; set; } = 100;

    /// <summary>Largest <c>maxSources</c> a deep research may ask for.</summary>
    [Range(1, 5_000)]
    public int MaxDeepSources { get; set; } = 500;

    /// <summary>Minutes a deep research may explore when its request sets no <c>maxMinutes</c>; then it writes its report.</summary>
    [Range(1, 1_440)]
    public int DefaultDeepMinutes { get; set; } = 30;

    /// <summary>Largest <c>maxMinutes</c> a deep research may ask for.</summary>
    [Range(1, 1_440)]
    public int MaxDeepMinutes { get; set; } = 240;

    /// <summary>Branches of one deep research running at once (each searches and reads its sources in parallel).</summary>
    [Range(1, 64)]
    public int MaxConcurrentBranches { get; set; } = 8;

    /// <summary>
    /// True to explore a deep research's subtrees one after another, as GPT-Researcher does, instead
    /// of all at once: slower, kept to measure the difference (BENCHMARKS.md).
    /// </summary>
    public bool SequentialSubtrees { get; set; }
}
