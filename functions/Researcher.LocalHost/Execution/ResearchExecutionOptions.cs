using System.ComponentModel.DataAnnotations;

namespace Researcher.LocalHost.Execution;

/// <summary>How many researches the local host runs at once and how many may wait. Bound from <c>Research:Execution</c>.</summary>
public sealed class ResearchExecutionOptions
{
    public const string SectionName = "Research:Execution";

    /// <summary>Researches running at the same time; the rest wait in the queue in arrival order.</summary>
    [Range(1, 64)]
    public int MaxConcurrentResearches { get; set; } = 4;

    /// <summary>Researches that may wait to start; a request beyond this is refused with 503 and Retry-After.</summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 100;
}
