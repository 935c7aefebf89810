using System.Text.Json;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;

namespace Researcher.Testing;

/// <summary>
/// The event log in memory, with the append-only semantics of the real one: each event is kept as
/// its JSON under its research and sequence number; appending the same event again changes nothing,
/// a different event under a taken number throws <see cref="EventSequenceTakenException"/> and keeps
/// the stored one. It counts both, so a test can tell a replay that re-recorded an event.
/// </summary>
public sealed class InMemoryEventLog : IEventLog
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, SortedDictionary<long, string>> researches = new(StringComparer.Ordinal);
    private readonly List<(Func<ProgressEvent, bool> Matches, TaskCompletionSource<ProgressEvent> Signal)> waiters = [];

    /// <summary>Appends of an event already stored (a step that ran again).</summary>
    public int RepeatedAppends { get; private set; }

    /// <summary>Appends refused because their number was taken by a different event.</summary>
    public int RefusedAppends { get; private set; }

    public Task AppendAsync(ProgressEvent progressEvent, CancellationToken cancellationToken = default)
    {
        var json = Serialize(progressEvent);
        List<TaskCompletionSource<ProgressEvent>> signalled = [];
        lock (gate)
        {
            if (!researches.TryGetValue(progressEvent.ResearchId, out var events))
                researches[progressEvent.ResearchId] = events = [];
            if (events.TryGetValue(progressEvent.Sequence, out var stored))
            {
                if (stored == json)
                {
                    RepeatedAppends++;
                    return Task.CompletedTask;
                }
                RefusedAppends++;
                throw new EventSequenceTakenException(progressEvent.ResearchId, progressEvent.Sequence);
            }
            events.Add(progressEvent.Sequence, json);
            foreach (var waiter in waiters.Where(w => w.Matches(progressEvent)).ToList())
            {
                waiters.Remove(waiter);
                signalled.Add(waiter.Signal);
            }
        }
        foreach (var signal in signalled) signal.TrySetResult(progressEvent);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ProgressEvent>> ReadAsync(string researchId, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ProgressEvent> events = StoredJson(researchId)
            .Select(json => JsonSerializer.Deserialize<ProgressEvent>(json, ResearchJson.Options)!)
            .Where(e => e.Sequence > afterSequence)
            .Take(Math.Max(maxCount, 0))
            .ToList();
        return Task.FromResult(events);
    }

    /// <summary>Every event of the research, in sequence order.</summary>
    public Task<IReadOnlyList<ProgressEvent>> AllAsync(string researchId) => ReadAsync(researchId, 0, int.MaxValue);

    /// <summary>The JSON of every stored event of the research, in sequence order, exactly as stored.</summary>
    public IReadOnlyList<string> StoredJson(string researchId)
    {
        lock (gate)
            return researches.TryGetValue(researchId, out var events) ? events.Values.ToList() : [];
    }

    /// <summary>Completes with the first event appended from now on that <paramref name="matches"/>.</summary>
    public Task<ProgressEvent> WaitForAsync(Func<ProgressEvent, bool> matches)
    {
        var signal = new TaskCompletionSource<ProgressEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate) waiters.Add((matches, signal));
        return signal.Task;
    }

    public static string Serialize(ProgressEvent progressEvent) => JsonSerializer.Serialize(progressEvent, ResearchJson.Options);
}
