using Researcher.Core.Contracts;
using Researcher.Core.Progress;

namespace Researcher.Core.Workflow;

/// <summary>
/// Numbers a workflow's progress events (1, 2, 3, ... per research), records each through the port
/// and mirrors it into the short status. The counter lives in the workflow, so a replay numbers
/// the same events the same way and the log's idempotent writes keep one copy of each.
/// Only the root workflow records progress: branches run concurrently and report through it.
/// </summary>
public sealed class ProgressRecorder(IResearchContext context)
{
    private long lastSequence;

    /// <summary>The percent of the last event recorded (0 before any), for final events that do not advance it.</summary>
    public int LastPercent { get; private set; }

    /// <summary>What the research has spent on models so far; published with every status.</summary>
    public ResearchUsage Spent { get; private set; } = ResearchUsage.Zero;

    /// <summary>Adds what a step or branch spent (<c>null</c>: nothing).</summary>
    public void AddSpending(ResearchUsage? usage)
    {
        if (usage is not null) Spent += usage;
    }

    /// <summary>The recording of the last event posted; each record waits for the one before, so the log is written in order.</summary>
    private Task recording = Task.CompletedTask;

    /// <summary>Records an event, and every event posted before it, before returning.</summary>
    public async Task RecordAsync(
        ProgressEventType type, string step, string message, int percent, IReadOnlyDictionary<string, string>? data = null)
    {
        Post(type, step, message, percent, data);
        await FlushAsync();
    }

    /// <summary>
    /// Numbers an event and has it recorded after those posted before it, without waiting: the
    /// workflow goes on (a branch's children start while its end is being recorded).
    /// <see cref="FlushAsync"/> waits for every event posted; a failure to record one surfaces there.
    /// </summary>
    public void Post(ProgressEventType type, string step, string message, int percent, IReadOnlyDictionary<string, string>? data = null)
    {
        var progressEvent = new ProgressEvent(
            context.ResearchId, ++lastSequence, context.CurrentUtcDateTime, type, step, message, Math.Clamp(percent, 0, 100), data);
        LastPercent = progressEvent.Percent;
        context.SetStatus(new ResearchProgress(progressEvent.Percent, step, message) { Usage = Spent.IsZero ? null : Spent });
        recording = RecordAfterAsync(recording, progressEvent);
    }

    /// <summary>Waits until every event posted is recorded.</summary>
    public Task FlushAsync() => recording;

    private async Task RecordAfterAsync(Task previous, ProgressEvent progressEvent)
    {
        await previous;
        await context.RecordProgressAsync(progressEvent);
    }
}
