using System.Text.Json.Serialization;

namespace Researcher.Core.Contracts;

/// <summary>The body of <c>POST /api/research</c> as it arrives; every field is checked by <see cref="ResearchRequestReader"/>.</summary>
public sealed record ResearchRequest(
    string? Question,
    string? ReportType = null,
    int? MaxSubQuestions = null,
    int? MaxSourcesPerSubQuestion = null,
    string? Tone = null,
    int? TargetWords = null,
    string? Language = null,
    string? Instructions = null,
    IReadOnlyList<string>? SourceUrls = null,
    long? MaxTokens = null,
    decimal? MaxCost = null,
    int? Breadth = null,
    int? Depth = null,
    int? MaxSources = null,
    int? MaxMinutes = null);

/// <summary>A validated research request: what the workflow runs.</summary>
public sealed record ResearchSpec(
    string Question,
    ReportType ReportType,
    int MaxSubQuestions,
    int MaxSourcesPerSubQuestion,
    int MaxPassagesPerSubQuestion,
    int MaxPassageCharactersPerSubQuestion)
{
    /// <summary>How the report is to be written: tone, length, language, the user's own instructions.</summary>
    public WritingStyle Style { get; init; } = WritingStyle.Default;

    /// <summary>When not empty, the research reads these pages and no others (no search).</summary>
    public IReadOnlyList<string> SourceUrls { get; init; } = [];

    /// <summary>The most the research may spend on language models.</summary>
    public ResearchBudget Budget { get; init; } = ResearchBudget.Unlimited;

    /// <summary>
    /// True when a language model takes notes from each source for the writer (set when the host
    /// has a model; the workflow reads it, so a replay decides the same).
    /// </summary>
    public bool TakeNotes { get; init; }

    /// <summary>The currency of costs (the host's price table's).</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>The shape and limits of a deep research's tree; null for every other report type.</summary>
    public DeepResearchSettings? Deep { get; init; }
}

/// <summary>
/// A deep research's tree and its limits: <see cref="Breadth"/> top-level branches, each with
/// ceil(breadth / 2) children per level while depth remains, at most <see cref="MaxConcurrentBranches"/>
/// running at once. Exploration ends early, and the report is written from what was learned, when
/// the research has read <see cref="MaxSources"/> sources, spent its gathering budget, or run for
/// <see cref="MaxMinutes"/> minutes.
/// </summary>
public sealed record DeepResearchSettings(int Breadth, int Depth, int MaxSources, int MaxMinutes, int MaxConcurrentBranches)
{
    /// <summary>
    /// True to run GPT-Researcher's order: the top level in parallel, then each top-level branch's
    /// subtree one after another. For comparison only (it is slower); the default runs every subtree at once.
    /// </summary>
    public bool SequentialSubtrees { get; init; }
}

/// <summary>
/// How a report is written. <see cref="Language"/> null means the question's language;
/// <see cref="Instructions"/> are the user's own, for a custom report.
/// </summary>
public sealed record WritingStyle(ReportTone Tone, int TargetWords, string? Language, string? Instructions)
{
    public const int DefaultTargetWords = 1_000;

    public static WritingStyle Default { get; } = new(ReportTone.Objective, DefaultTargetWords, null, null);

    /// <summary>True when something only a language model can honour was asked for.</summary>
    [JsonIgnore]
    public bool AsksForModel => Tone != ReportTone.Objective || Language is not null || Instructions is not null;
}

/// <summary>
/// The most a research may spend on language models: tokens (input and output together) and,
/// where prices are configured, money. Null is no limit of that kind. Gathering (planning and
/// note-taking) may spend <see cref="GatheringShare"/> of it; the rest is kept for writing, so
/// the report is written even when gathering stopped at its limit.
/// </summary>
public sealed record ResearchBudget(long? MaxTokens, decimal? MaxCost, double GatheringShare = ResearchBudget.DefaultGatheringShare)
{
    public const double DefaultGatheringShare = 0.6;

    public static ResearchBudget Unlimited { get; } = new(null, null);

    /// <summary>What gathering may spend in all.</summary>
    public ResearchBudget ForGathering() =>
        this with { MaxTokens = (long?)(MaxTokens * GatheringShare), MaxCost = MaxCost * (decimal)GatheringShare };

    /// <summary>What is left of this budget after <paramref name="spent"/> (never below zero).</summary>
    public ResearchBudget Minus(ResearchUsage spent) => this with
    {
        MaxTokens = MaxTokens is { } tokens ? Math.Max(0, tokens - spent.TotalTokens) : null,
        MaxCost = MaxCost is { } money ? Math.Max(0m, money - (spent.Cost ?? 0m)) : null,
    };

    /// <summary>One of <paramref name="parts"/> equal shares of this budget.</summary>
    public ResearchBudget Share(int parts) => parts <= 1 ? this : this with
    {
        MaxTokens = MaxTokens / parts,
        MaxCost = MaxCost / parts,
    };

    /// <summary>
    /// True when spending <paramref name="estimate"/> stays within this budget. An estimate of
    /// unknown cost fits a money budget only when it spends no tokens.
    /// </summary>
    public bool Fits(ResearchUsage estimate) =>
        (MaxTokens is not { } tokens || estimate.TotalTokens <= tokens)
        && (MaxCost is not { } money || (estimate.Cost is { } cost ? cost <= money : estimate.TotalTokens == 0));
}
