namespace Researcher.Core.Progress;

/// <summary>What kind of thing a progress event reports.</summary>
public enum ProgressEventType
{
    ResearchStarted,
    StepStarted,
    StepCompleted,
    SourceFound,
    SubQuestionCompleted,
    SubQuestionFailed,
    /// <summary>A deep research's branch started: its path, parent, depth, position, query and goal.</summary>
    BranchStarted,
    /// <summary>A deep research's branch ended: what <see cref="BranchStarted"/> carries, and counts of its learnings, sources and follow-ups.</summary>
    BranchCompleted,
    /// <summary>A deep research's branch failed (a gap in the report).</summary>
    BranchFailed,
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
    IReadOnlyDictionary<string, string>? Data = null)
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <summary>
    /// True when <paramref name="other"/> records the same thing: the same research, sequence number,
    /// type, step, message, percent and data. The timestamp is left out on purpose: it is the
    /// engine's time of the workflow episode that recorded the event, and an episode that ran again
    /// after a crash (before its progress was saved) records the same event at a later time.
    /// </summary>
    public bool IsSameEventAs(ProgressEvent other) =>
        ResearchId == other.ResearchId && Sequence == other.Sequence && Type == other.Type && Step == other.Step
        && Message == other.Message && Percent == other.Percent
        && (Data ?? Empty).Count == (other.Data ?? Empty).Count
        && (Data ?? Empty).All(pair => other.Data is not null && other.Data.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
