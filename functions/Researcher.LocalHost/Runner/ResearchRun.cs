using Microsoft.Extensions.Logging;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Workflow;

namespace Researcher.LocalHost.Runner;

/// <summary>
/// The state one research's contexts share (the root and every branch): the step and branch
/// catalogs, the clock, the cancellation token, the cap on concurrent steps, the latest status and
/// the last recorded event. Every step of the research goes through <see cref="InvokeStepAsync"/>;
/// that is where a journal will slot in (look up the call id, return the recorded output on replay,
/// record a new output before returning it).
/// </summary>
internal sealed class ResearchRun(
    string researchId,
    StepCatalog steps,
    BranchCatalog branches,
    TimeProvider timeProvider,
    int maxConcurrentSteps,
    IResearchStatusSink? statusSink,
    ILogger logger,
    CancellationToken cancellationToken) : IDisposable
{
    /// <summary>What a step without a retry policy gets: one attempt.</summary>
    private static readonly StepRetryPolicy SingleAttempt = new(1, TimeSpan.Zero);

    private readonly SemaphoreSlim stepSlots = new(maxConcurrentSteps, maxConcurrentSteps);
    private readonly SemaphoreSlim statusPublishing = new(1, 1);
    private readonly Lock eventLock = new();
    private ResearchProgress? unpublishedStatus;
    private ProgressEvent? lastEvent;

    public string ResearchId => researchId;

    public BranchCatalog Branches => branches;

    public CancellationToken CancellationToken => cancellationToken;

    public DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;

    public ProgressEvent? LastEvent
    {
        get { lock (eventLock) return lastEvent; }
    }

    /// <summary>Runs a step under its retry policy; throws <see cref="StepFailedException"/> once its attempts are spent.</summary>
    public async Task<string> InvokeStepAsync(string callId, string stepName, string inputJson, StepRetryPolicy? retry)
    {
        var handler = steps.Get(stepName);
        var policy = retry ?? SingleAttempt;
        var maxAttempts = Math.Max(policy.MaxAttempts, 1);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await PublishStatusAsync();
            try
            {
                await stepSlots.WaitAsync(cancellationToken);
                try
                {
                    return await handler(inputJson, cancellationToken);
                }
                finally
                {
                    stepSlots.Release();
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                if (attempt >= maxAttempts)
                    throw new StepFailedException(stepName, ex.GetType().FullName ?? ex.GetType().Name, ex.Message, ex);

                var delay = policy.DelayBeforeAttempt(attempt + 1);
                logger.LogWarning(ex, "Step {StepName} ({CallId}) of research {ResearchId} failed on attempt {Attempt} of {MaxAttempts}; retrying in {Delay}.",
                    stepName, callId, researchId, attempt, maxAttempts, delay);
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
        }
    }

    /// <summary>Remembers the status; it is published before the next step runs, as Durable saves custom status at its next checkpoint.</summary>
    public void SetStatus(ResearchProgress status) => Volatile.Write(ref unpublishedStatus, status);

    public void EventRecorded(ProgressEvent progressEvent)
    {
        lock (eventLock)
        {
            if (lastEvent is null || progressEvent.Sequence > lastEvent.Sequence)
                lastEvent = progressEvent;
        }
    }

    /// <summary>Publishes the latest unpublished status, in the order statuses were set. A failed publish is logged, not thrown: the status is advisory.</summary>
    public async Task PublishStatusAsync()
    {
        if (statusSink is null || Volatile.Read(ref unpublishedStatus) is null) return;
        await statusPublishing.WaitAsync(cancellationToken);
        try
        {
            if (Interlocked.Exchange(ref unpublishedStatus, null) is { } status)
                await statusSink.PublishAsync(researchId, status, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Publishing the status of research {ResearchId} failed.", researchId);
        }
        finally
        {
            statusPublishing.Release();
        }
    }

    public void Dispose()
    {
        stepSlots.Dispose();
        statusPublishing.Dispose();
    }
}
