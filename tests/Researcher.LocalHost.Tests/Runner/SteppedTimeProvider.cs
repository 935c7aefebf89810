namespace Researcher.LocalHost.Tests.Runner;

/// <summary>
/// A clock for runner tests: each read of the time advances it by one second, and timers fire at
/// once (retry waits pass without waiting) while their requested delays are recorded.
/// </summary>
internal sealed class SteppedTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long reads;

    public List<TimeSpan> RequestedDelays { get; } = [];

    public override DateTimeOffset GetUtcNow() => start.AddSeconds(Interlocked.Increment(ref reads) - 1);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (RequestedDelays) RequestedDelays.Add(dueTime);
        ThreadPool.QueueUserWorkItem(_ => callback(state));
        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
