using Microsoft.DurableTask;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Workflow;

namespace Researcher.Functions.Orchestration;

/// <summary>
/// Core's research port over a Durable orchestration, the one adapter both hosts run: steps are
/// activities, branches are sub-orchestrations whose instance id is the parent's id plus
/// <c>:branchKey</c> (deterministic, so a replay finds the same child), the short status is the
/// custom status, and cancellation is the <see cref="ResearchWorkflows.CancelEvent"/> external
/// event, observed between steps: a step already running ends normally, and the next step or branch
/// the workflow asks for throws <see cref="ResearchCancelledException"/>. A branch being awaited when
/// the event arrives gets it passed on, is awaited to its end (it stops at its own next step), and
/// then throws too. Nothing is left running when the workflow returns, which the engine needs to
/// complete an orchestration. A failed activity or sub-orchestration surfaces as
/// <see cref="StepFailedException"/>, as the port promises.
/// </summary>
public sealed class DurableResearchContext : IResearchContext
{
    public const char BranchSeparator = ':';

    private readonly TaskOrchestrationContext context;
    private readonly Task cancellation;
    private readonly List<string> branchInstanceIds = [];
    private bool cancellationPassedOn;

    public DurableResearchContext(TaskOrchestrationContext context)
    {
        this.context = context;
        cancellation = context.WaitForExternalEvent<string?>(ResearchWorkflows.CancelEvent);
    }

    /// <summary>The root orchestration's instance id: the part of this instance id before the first separator.</summary>
    public string ResearchId => RootInstanceId(context.InstanceId);

    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public bool IsReplaying => context.IsReplaying;

    public bool IsCancellationRequested => cancellation.IsCompleted;

    public Task<TOutput> RunStepAsync<TInput, TOutput>(StepDefinition<TInput, TOutput> step, TInput input, StepRetryPolicy? retry = null)
    {
        ThrowIfCancellationRequested();
        return CallActivityAsync(step, input, retry);
    }

    public async Task<TOutput> RunBranchAsync<TInput, TOutput>(BranchDefinition<TInput, TOutput> branch, TInput input, string branchKey)
    {
        ThrowIfCancellationRequested();
        var instanceId = $"{context.InstanceId}{BranchSeparator}{branchKey}";
        branchInstanceIds.Add(instanceId);
        var work = context.CallSubOrchestratorAsync<TOutput>(branch.Name, input, new SubOrchestrationOptions { InstanceId = instanceId });
        if (await Task.WhenAny(work, cancellation) != work)
        {
            PassCancellationOn();
            await Task.WhenAny(work); // wait for the branch to end; how it ended no longer matters
            throw new ResearchCancelledException();
        }
        try
        {
            return await work;
        }
        catch (TaskFailedException ex)
        {
            throw AsStepFailure(branch.Name, ex);
        }
    }

    /// <summary>Progress is recorded even after cancellation was requested: the workflow records its own cancellation.</summary>
    public Task RecordProgressAsync(ProgressEvent progressEvent) =>
        CallActivityAsync(ResearchSteps.RecordProgress, progressEvent, StepRetryPolicy.Storage);

    public void SetStatus(ResearchProgress status) => context.SetCustomStatus(status);

    public static string RootInstanceId(string instanceId)
    {
        var separator = instanceId.IndexOf(BranchSeparator);
        return separator < 0 ? instanceId : instanceId[..separator];
    }

    private async Task<TOutput> CallActivityAsync<TInput, TOutput>(StepDefinition<TInput, TOutput> step, TInput input, StepRetryPolicy? retry)
    {
        var options = retry is null ? null : TaskOptions.FromRetryPolicy(retry.ToDurableRetryPolicy());
        try
        {
            return await context.CallActivityAsync<TOutput>(step.Name, input, options);
        }
        catch (TaskFailedException ex)
        {
            throw AsStepFailure(step.Name, ex);
        }
    }

    private void ThrowIfCancellationRequested()
    {
        if (!IsCancellationRequested) return;
        PassCancellationOn();
        throw new ResearchCancelledException();
    }

    /// <summary>Sends the cancellation on to every branch started so far, once.</summary>
    private void PassCancellationOn()
    {
        if (cancellationPassedOn) return;
        cancellationPassedOn = true;
        foreach (var branchInstanceId in branchInstanceIds)
            context.SendEvent(branchInstanceId, ResearchWorkflows.CancelEvent, ResearchWorkflows.CancelEvent);
    }

    /// <summary>The failure as the port reports it; its type is the innermost one (the activity's, for a failed branch).</summary>
    private static StepFailedException AsStepFailure(string name, TaskFailedException failure)
    {
        var details = failure.FailureDetails;
        while (details.InnerFailure is { } inner) details = inner;
        return new StepFailedException(name, details.ErrorType, details.ErrorMessage, failure);
    }
}
