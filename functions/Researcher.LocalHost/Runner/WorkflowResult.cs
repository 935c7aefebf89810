using Researcher.Core.Contracts;
using Researcher.Core.Progress;

namespace Researcher.LocalHost.Runner;

/// <summary>
/// How a workflow run ended: <see cref="ResearchRuntimeStatus.Completed"/> with its output,
/// <see cref="ResearchRuntimeStatus.Failed"/> with a reason fit to show a user (never a stack trace),
/// or <see cref="ResearchRuntimeStatus.Cancelled"/>. <see cref="LastEvent"/> is the last progress
/// event the workflow recorded, so a host can number the event that records the ending.
/// </summary>
public sealed record WorkflowResult<TOutput>(ResearchRuntimeStatus Status, TOutput? Output, string? Failure, ProgressEvent? LastEvent)
{
    /// <summary>The sequence number the next event of this research takes.</summary>
    public long NextSequence => (LastEvent?.Sequence ?? 0) + 1;
}
