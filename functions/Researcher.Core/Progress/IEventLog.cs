namespace Researcher.Core.Progress;

/// <summary>The durable, ordered log of a research's progress events.</summary>
public interface IEventLog
{
    /// <summary>Stores the event; storing the same research and sequence number again changes nothing.</summary>
    Task AppendAsync(ProgressEvent progressEvent, CancellationToken cancellationToken = default);

    /// <summary>The events with a sequence number greater than <paramref name="afterSequence"/>, in order, at most <paramref name="maxCount"/>.</summary>
    Task<IReadOnlyList<ProgressEvent>> ReadAsync(string researchId, long afterSequence, int maxCount, CancellationToken cancellationToken = default);
}
