using System.ComponentModel.DataAnnotations;

namespace Researcher.LocalHost.Runner;

/// <summary>How the in-process runner schedules a research's steps. Bound from <c>Research:Runner</c>.</summary>
public sealed class LocalRunnerOptions
{
    public const string SectionName = "Research:Runner";

    /// <summary>
    /// Most steps of one research running at the same time, across all of its branches (the workflow
    /// starts every sub-question and every source read at once; this keeps a research from flooding
    /// its providers).
    /// </summary>
    [Range(1, 256)]
    public int MaxConcurrentStepsPerResearch { get; set; } = 8;
}
