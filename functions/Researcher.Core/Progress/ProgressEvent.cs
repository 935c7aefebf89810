namespace Researcher.Core.Progress;

/// <summary>What kind of thing a progress event reports.</summary>
public enum ProgressEventType
{
    ResearchStarted,
    StepStarted,
    StepCompleted,
    SourceFound,
    Warning,
    ResearchCompleted,
    ResearchFailed,
    ResearchCancelled,
}

/// <summary>
/// One entry of a research's event log. <see cref="Sequence"/> starts at 1 and is gap-free per
/// research; it is assigned by the workflow, so a replay produces the same numbers and a client
/// that holds events up to N asks for <c>after=N</c> to catch up.
/// </summary>
public sealed record ProgressEvent(
    string ResearchId,
    long Sequence,
    DateTime Timestamp,
    ProgressEventType Type,
    string Step,
    string Message,
    int Percent,
    IReadOnlyDictionary<string, string>? Data = null);
