using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Workflow;

namespace Researcher.Core.Tests.Workflow;

/// <summary>
/// A research context for workflow tests: steps answer from scripted functions (an exception thrown
/// by one becomes the port's <see cref="StepFailedException"/>), branches run the real sub-question
/// or deep-branch workflow, cancellation is requested once <see cref="CancelAfterCalls"/> steps and
/// branches have been called, and every call is recorded in order so tests can compare runs. With
/// <see cref="HoldBranches"/>, a branch runs only when the test releases it, so a test decides
/// the order branches end in and sees what the workflow starts meanwhile (all on the test's thread).
/// </summary>
internal sealed class ScriptedResearchContext(string researchId, Func<string, object, object> answerStep) : IResearchContext
{
    private readonly DateTime start = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    public List<string> Calls { get; } = [];
    public List<ProgressEvent> Events { get; } = [];
    public List<ResearchProgress> Statuses { get; } = [];

    /// <summary>Cancellation is requested once this many steps and branches were called (never when null).</summary>
    public int? CancelAfterCalls { get; init; }

    /// <summary>True to hold every branch until <see cref="Release"/> runs it.</summary>
    public bool HoldBranches { get; init; }

    /// <summary>The branches started and not released yet, by key, in the order they started.</summary>
    public List<string> Held { get; } = [];

    private readonly Dictionary<string, Action> release = new(StringComparer.Ordinal);

    /// <summary>Runs a held branch to its end; the workflow's continuation runs before this returns.</summary>
    public void Release(string branchKey)
    {
        Held.Remove(branchKey);
        var run = release[branchKey];
        release.Remove(branchKey);
        run();
    }

    public string ResearchId => researchId;
    public DateTime CurrentUtcDateTime => start.AddSeconds(Calls.Count);
    public bool IsReplaying => false;

    public bool IsCancellationRequested
    {
        get { lock (Calls) return Calls.Count(c => !c.StartsWith("progress:", StringComparison.Ordinal)) >= CancelAfterCalls; }
    }

    public Task<TOutput> RunStepAsync<TInput, TOutput>(StepDefinition<TInput, TOutput> step, TInput input, StepRetryPolicy? retry = null)
    {
        if (IsCancellationRequested) throw new ResearchCancelledException();
        lock (Calls) Calls.Add($"step:{step.Name}");
        try
        {
            return Task.FromResult((TOutput)answerStep(step.Name, input!));
        }
        catch (Exception ex)
        {
            throw new StepFailedException(step.Name, ex.GetType().FullName!, ex.Message, ex);
        }
    }

    public async Task<TOutput> RunBranchAsync<TInput, TOutput>(BranchDefinition<TInput, TOutput> branch, TInput input, string branchKey)
    {
        if (IsCancellationRequested) throw new ResearchCancelledException();
        lock (Calls) Calls.Add($"branch:{branch.Name}:{branchKey}");
        if (HoldBranches)
        {
            var held = new TaskCompletionSource();
            Held.Add(branchKey);
            release[branchKey] = held.SetResult;
            await held.Task;
        }
        object result = branch.Name == ResearchWorkflows.SubQuestion.Name
            ? await SubQuestionWorkflow.RunAsync(this, (SubQuestionInput)(object)input!)
            : branch.Name == ResearchWorkflows.DeepBranch.Name
                ? await DeepBranchWorkflow.RunAsync(this, (DeepBranchInput)(object)input!)
                : throw new InvalidOperationException($"Unknown branch {branch.Name}");
        return (TOutput)result;
    }

    public Task RecordProgressAsync(ProgressEvent progressEvent)
    {
        lock (Calls) Calls.Add($"progress:{progressEvent.Sequence}:{progressEvent.Type}");
        Events.Add(progressEvent);
        return Task.CompletedTask;
    }

    public void SetStatus(ResearchProgress status) => Statuses.Add(status);
}
