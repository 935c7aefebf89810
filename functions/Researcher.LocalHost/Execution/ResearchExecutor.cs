using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Workflow;
using Researcher.LocalHost.Runner;
using Researcher.LocalHost.State;

namespace Researcher.LocalHost.Execution;

/// <summary>
/// Runs accepted researches in the background: a bounded queue drained by at most
/// <see cref="ResearchExecutionOptions.MaxConcurrentResearches"/> workers, each running the standard
/// workflow and recording how it ended (state row plus a final ResearchFailed or ResearchCancelled
/// event numbered after the workflow's last). A research interrupted by the host stopping is recorded
/// as failed, since this runner cannot resume it yet.
/// </summary>
public sealed class ResearchExecutor(
    LocalWorkflowRunner runner,
    IResearchStore store,
    IEventLog eventLog,
    TimeProvider timeProvider,
    IOptions<ResearchExecutionOptions> options,
    ILogger<ResearchExecutor> logger) : BackgroundService
{
    private const string InterruptedReason = "The host stopped before the research finished.";

    private readonly Channel<ResearchInput> queue = Channel.CreateBounded<ResearchInput>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });

    // A cancellation source per queued or running research. They hold no timers and are not disposed,
    // so a cancel request that races the research's end never touches a disposed source.
    private readonly ConcurrentDictionary<string, CancellationTokenSource> cancellations = new(StringComparer.Ordinal);

    /// <summary>Queues the research; false when the queue is full (nothing is queued then).</summary>
    public bool TryEnqueue(ResearchInput input)
    {
        if (!cancellations.TryAdd(input.ResearchId, new CancellationTokenSource()))
            throw new InvalidOperationException($"Research {input.ResearchId} is already queued.");
        if (queue.Writer.TryWrite(input)) return true;
        cancellations.TryRemove(input.ResearchId, out _);
        return false;
    }

    /// <summary>
    /// Cancels a research that has not ended. A queued or running research stops at its next step
    /// and is recorded as cancelled by its worker; one that this process is not running (left over
    /// from an earlier run) is recorded as cancelled at once.
    /// </summary>
    public async Task CancelAsync(string researchId, CancellationToken cancellationToken)
    {
        if (cancellations.TryGetValue(researchId, out var cancellation))
        {
            await cancellation.CancelAsync();
            return;
        }
        var lastEvent = await ReadLastEventAsync(researchId, cancellationToken);
        await RecordEndingAsync(researchId, ResearchRuntimeStatus.Cancelled, null, lastEvent, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = Enumerable.Range(0, options.Value.MaxConcurrentResearches).Select(_ => DrainQueueAsync(stoppingToken));
        await Task.WhenAll(workers);
    }

    private async Task DrainQueueAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var input in queue.Reader.ReadAllAsync(stoppingToken))
                await RunAsync(input, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; researches still queued stay pending.
        }
    }

    private async Task RunAsync(ResearchInput input, CancellationToken stoppingToken)
    {
        var researchId = input.ResearchId;
        var cancellation = cancellations[researchId];
        try
        {
            using var stopOrCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellation.Token, stoppingToken);
            if (!stopOrCancel.IsCancellationRequested)
                await store.SetRunningAsync(researchId, stopOrCancel.Token);
            var result = await runner.RunAsync(researchId, StandardResearchWorkflow.RunAsync, input, store, stopOrCancel.Token);

            var interrupted = result.Status == ResearchRuntimeStatus.Cancelled && !cancellation.IsCancellationRequested;
            await (interrupted
                ? RecordEndingAsync(researchId, ResearchRuntimeStatus.Failed, InterruptedReason, result.LastEvent, CancellationToken.None)
                : RecordEndingAsync(researchId, result.Status, result.Failure, result.LastEvent, CancellationToken.None,
                    result.Output?.Report.ContentName));
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Recording the state of research {ResearchId} failed.", researchId);
        }
        finally
        {
            cancellations.TryRemove(researchId, out _);
        }
    }

    private async Task RecordEndingAsync(
        string researchId, ResearchRuntimeStatus status, string? failure, ProgressEvent? lastEvent,
        CancellationToken cancellationToken, string? reportContentName = null)
    {
        var nextSequence = (lastEvent?.Sequence ?? 0) + 1;
        var percent = lastEvent?.Percent ?? 0;
        var now = timeProvider.GetUtcNow().UtcDateTime;
        switch (status)
        {
            case ResearchRuntimeStatus.Completed when reportContentName is not null:
                await store.CompleteAsync(researchId, reportContentName, cancellationToken);
                break;
            case ResearchRuntimeStatus.Cancelled:
                await eventLog.AppendAsync(new ProgressEvent(researchId, nextSequence, now,
                    ProgressEventType.ResearchCancelled, "cancel", "The research was cancelled.", percent), cancellationToken);
                await store.CancelAsync(researchId, cancellationToken);
                break;
            default:
                var reason = failure ?? "The research failed.";
                await eventLog.AppendAsync(new ProgressEvent(researchId, nextSequence, now,
                    ProgressEventType.ResearchFailed, "fail", reason, percent), cancellationToken);
                await store.FailAsync(researchId, reason, cancellationToken);
                break;
        }
    }

    private async Task<ProgressEvent?> ReadLastEventAsync(string researchId, CancellationToken cancellationToken)
    {
        const int pageSize = 1000;
        ProgressEvent? last = null;
        while (true)
        {
            var page = await eventLog.ReadAsync(researchId, last?.Sequence ?? 0, pageSize, cancellationToken);
            if (page.Count == 0) return last;
            last = page[^1];
        }
    }
}
