using Microsoft.DurableTask;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Workflow;

namespace Researcher.Functions.Orchestration;

/// <summary>
/// Core's research port over a Durable orchestration: steps are activities, branches are
/// sub-orchestrations whose instance id is the parent's id plus <c>:branchKey</c> (deterministic, so
/// a replay finds the same child), and the short status is the custom status. A failed activity or
/// sub-orchestration surfaces as <see cref="StepFailedException"/>, as the port promises.
/// </summary>
public sealed class DurableResearchContext(TaskOrchestrationContext context) : IResearchContext
{
    public const char BranchSeparator = ':';

    /// <summary>The root orchestration's instance id: the part of this instance id before the first separator.</summary>
    public string ResearchId => RootInstanceId(context.InstanceId);

    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public bool IsReplaying => context.IsReplaying;

    public async Task<TOutput> RunStepAsync<TInput, TOutput>(StepDefinition<TInput, TOutput> step, TInput input, StepRetryPolicy? retry = null)
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

    public async Task<TOutput> RunBranchAsync<TInput, TOutput>(BranchDefinition<TInput, TOutput> branch, TInput input, string branchKey)
    {
        var options = new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}{BranchSeparator}{branchKey}" };
        try
        {
            return await context.CallSubOrchestratorAsync<TOutput>(branch.Name, input, options);
        }
        catch (TaskFailedException ex)
        {
            throw AsStepFailure(branch.Name, ex);
        }
    }

    public Task RecordProgressAsync(ProgressEvent progressEvent) =>
        RunStepAsync(ResearchSteps.RecordProgress, progressEvent, StepRetryPolicy.Storage);

    public void SetStatus(ResearchProgress status) => context.SetCustomStatus(status);

    public static string RootInstanceId(string instanceId)
    {
        var separator = instanceId.IndexOf(BranchSeparator);
        return separator < 0 ? instanceId : instanceId[..separator];
    }

    private static StepFailedException AsStepFailure(string name, TaskFailedException failure) =>
        new(name, failure.FailureDetails.ErrorType, failure.FailureDetails.ErrorMessage, failure);
}
