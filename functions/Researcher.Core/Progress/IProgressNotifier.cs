namespace Researcher.Core.Progress;

/// <summary>
/// Tells a research's live subscribers about an event, after the event log has stored it. Delivery
/// is at most once and may fail: a client that misses a message catches up from the log by
/// sequence number. Azure Functions enqueues a small notice that a queue-triggered function turns
/// into a SignalR message; the local host pushes through its SignalR hub.
/// </summary>
public interface IProgressNotifier
{
    Task NotifyAsync(ProgressEvent progressEvent, CancellationToken cancellationToken = default);
}

/// <summary>No live subscribers (the command-line research prints its progress instead).</summary>
public sealed class NoProgressNotifier : IProgressNotifier
{
    public Task NotifyAsync(ProgressEvent progressEvent, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
