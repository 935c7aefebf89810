using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Researcher.Core.Progress;
using Researcher.LocalHost.Tests.Support;

namespace Researcher.Benchmarks.Live;

/// <summary>When the host's log write of one event ended, and when its hub send returned.</summary>
/// <param name="WrittenAt">Stopwatch timestamp taken as the event log's append returned.</param>
/// <param name="WrittenUtc">DateTime.UtcNow taken at the same moment (for a browser, which has no access to the Stopwatch).</param>
/// <param name="SentAt">Stopwatch timestamp taken as the hub notifier's send returned (0 until then).</param>
public readonly record struct WriteStamp(ProgressEvent Event, long WrittenAt, DateTime WrittenUtc, long SentAt);

/// <summary>
/// The benchmark's view of the host's write end, keyed by (research id, sequence): the decorated
/// event log stamps each append as it completes, the decorated notifier each send as it returns.
/// It also holds every research's appends back until the benchmark has subscribed a connection to it
/// (<see cref="Release"/>), so that a subscriber can receive all of a research's events, the first
/// one included: the gate is passed before the append starts, so it never counts in a latency.
/// </summary>
public sealed class WriteStamps
{
    /// <summary>How long an append waits for its research's release before going on anyway (counted in <see cref="GateTimeouts"/>).</summary>
    public static readonly TimeSpan GateBound = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<(string ResearchId, long Sequence), WriteStamp> stamps = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> gates = new(StringComparer.Ordinal);
    private int gateTimeouts;
    private int rewrites;

    /// <summary>Appends that waited <see cref="GateBound"/> for a release that never came.</summary>
    public int GateTimeouts => Volatile.Read(ref gateTimeouts);

    /// <summary>Appends of an event already stamped (an activity retried): the later stamp replaces the earlier.</summary>
    public int Rewrites => Volatile.Read(ref rewrites);

    /// <summary>Lets the appends of <paramref name="researchId"/> go on (those waiting and all later ones).</summary>
    public void Release(string researchId) => Gate(researchId).TrySetResult();

    public async Task WaitForReleaseAsync(string researchId, CancellationToken cancellationToken)
    {
        try
        {
            await Gate(researchId).Task.WaitAsync(GateBound, cancellationToken);
        }
        catch (TimeoutException)
        {
            Interlocked.Increment(ref gateTimeouts);
        }
    }

    public void Written(ProgressEvent progressEvent, long at, DateTime utc)
    {
        var key = (progressEvent.ResearchId, progressEvent.Sequence);
        if (stamps.ContainsKey(key)) Interlocked.Increment(ref rewrites);
        stamps[key] = new WriteStamp(progressEvent, at, utc, 0);
    }

    public void Sent(ProgressEvent progressEvent, long at)
    {
        var key = (progressEvent.ResearchId, progressEvent.Sequence);
        if (stamps.TryGetValue(key, out var stamp)) stamps[key] = stamp with { SentAt = at };
    }

    public bool TryGet(string researchId, long sequence, out WriteStamp stamp) => stamps.TryGetValue((researchId, sequence), out stamp);

    /// <summary>The events of <paramref name="researchId"/> written so far, by sequence number.</summary>
    public IReadOnlyList<WriteStamp> Of(string researchId) =>
        [.. stamps.Where(pair => pair.Key.ResearchId == researchId).Select(pair => pair.Value).OrderBy(s => s.Event.Sequence)];

    /// <summary>Every event written so far.</summary>
    public IReadOnlyList<WriteStamp> All() => [.. stamps.Values];

    private TaskCompletionSource Gate(string researchId) =>
        gates.GetOrAdd(researchId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>
    /// Decorates the host's <see cref="IEventLog"/> and <see cref="IProgressNotifier"/> registrations
    /// (call after the host's own, e.g. in LocalHostApplication.Create's configure).
    /// </summary>
    public void DecorateHost(IServiceCollection services)
    {
        services.Decorate<IEventLog>(log => new StampingEventLog(log, this));
        services.Decorate<IProgressNotifier>(notifier => new StampingNotifier(notifier, this));
    }

    /// <summary>The host's event log, gated per research and stamped as each append completes.</summary>
    private sealed class StampingEventLog(IEventLog inner, WriteStamps stamps) : IEventLog
    {
        public async Task AppendAsync(ProgressEvent progressEvent, CancellationToken cancellationToken = default)
        {
            await stamps.WaitForReleaseAsync(progressEvent.ResearchId, cancellationToken);
            await inner.AppendAsync(progressEvent, cancellationToken);
            stamps.Written(progressEvent, Stopwatch.GetTimestamp(), DateTime.UtcNow);
        }

        public Task<IReadOnlyList<ProgressEvent>> ReadAsync(string researchId, long afterSequence, int maxCount, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(researchId, afterSequence, maxCount, cancellationToken);
    }

    /// <summary>The host's hub notifier, stamped as each send returns (the message is then in the connections' outgoing pipes).</summary>
    private sealed class StampingNotifier(IProgressNotifier inner, WriteStamps stamps) : IProgressNotifier
    {
        public async Task NotifyAsync(ProgressEvent progressEvent, CancellationToken cancellationToken = default)
        {
            await inner.NotifyAsync(progressEvent, cancellationToken);
            stamps.Sent(progressEvent, Stopwatch.GetTimestamp());
        }
    }
}
