namespace Researcher.Core.Progress;

/// <summary>The durable, ordered log of a research's progress events.</summary>
public interface IEventLog
{
    /// <summary>
    /// Stores the event under its research and sequence number, once: storing the same event again
    /// changes nothing, and a different event under a number already taken throws
    /// <see cref="EventSequenceTakenException"/> and leaves the stored one as it was.
    /// </summary>
    Task AppendAsync(ProgressEvent progressEvent, CancellationToken cancellationToken = default);

    /// <summary>The events with a sequence number greater than <paramref name="afterSequence"/>, in order, at most <paramref name="maxCount"/>.</summary>
    Task<IReadOnlyList<ProgressEvent>> ReadAsync(string researchId, long afterSequence, int maxCount, CancellationToken cancellationToken = default);
}

/// <summary>A different event was appended under a sequence number the log already holds; the stored event is kept.</summary>
public sealed class EventSequenceTakenException(string researchId, long sequence)
    : InvalidOperationException($"Research {researchId} already has a different event with sequence number {sequence}.")
{
    public string ResearchId { get; } = researchId;

    public long Sequence { get; } = sequence;
}
