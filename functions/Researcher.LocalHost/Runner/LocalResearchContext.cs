using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Workflow;

namespace Researcher.LocalHost.Runner;

/// <summary>
/// The research port implemented in process. Steps are dispatched by name through the run's step
/// catalog with their inputs and outputs serialized; branches run their workflow with a child
/// context of the same research; the time advances only when a step completes. Each step call gets
/// a call id (the path of branch keys and the call's ordinal in its context), which is deterministic
/// because a workflow starts its steps in a deterministic order: the key a journal will record results under.
/// </summary>
internal sealed class LocalResearchContext(ResearchRun run, string path, DateTime startTime) : IResearchContext
{
    private int callCount;
    private DateTime currentUtcDateTime = startTime;

    public string ResearchId => run.ResearchId;

    public DateTime CurrentUtcDateTime => currentUtcDateTime;

    /// <summary>Always false: this runner keeps no history to replay yet.</summary>
    public bool IsReplaying => false;

    public async Task<TOutput> RunStepAsync<TInput, TOutput>(StepDefinition<TInput, TOutput> step, TInput input, StepRetryPolicy? retry = null)
    {
        var callId = NextCallId();
        var outputJson = await run.InvokeStepAsync(callId, step.Name, StepJson.Serialize(input), retry);
        currentUtcDateTime = run.UtcNow;
        return StepJson.Deserialize<TOutput>(outputJson, step.Name);
    }

    public async Task<TOutput> RunBranchAsync<TInput, TOutput>(BranchDefinition<TInput, TOutput> branch, TInput input, string branchKey)
    {
        var child = new LocalResearchContext(run, $"{path}/{branchKey}", currentUtcDateTime);
        string outputJson;
        try
        {
            outputJson = await run.Branches.Get(branch.Name)(child, StepJson.Serialize(input));
        }
        catch (Exception ex) when (!run.CancellationToken.IsCancellationRequested)
        {
            throw new StepFailedException(branch.Name, ex.GetType().FullName ?? ex.GetType().Name, ex.Message, ex);
        }
        currentUtcDateTime = run.UtcNow;
        return StepJson.Deserialize<TOutput>(outputJson, branch.Name);
    }

    public async Task RecordProgressAsync(ProgressEvent progressEvent)
    {
        await RunStepAsync(ResearchSteps.RecordProgress, progressEvent, StepRetryPolicy.Storage);
        run.EventRecorded(progressEvent);
    }

    public void SetStatus(ResearchProgress status) => run.SetStatus(status);

    private string NextCallId() => $"{path}#{Interlocked.Increment(ref callCount)}";
}
