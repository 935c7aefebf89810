using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Workflow;

namespace Researcher.Testing;

/// <summary>
/// The research port with no engine, for the in-process baseline of the benchmarks and for the
/// offline engine of the quality runs: each step is dispatched by name straight to
/// <see cref="ResearchStepHandlers"/> (on the thread pool, at most as many at once as
/// <c>slots</c> allows, as the engine's MaxConcurrentActivities bounds it), a branch is its
/// workflow run inline on this same context, and the workflows' own Task.WhenAll and WhenAny run
/// the branches and reads concurrently. No history, no serialization, no retries, no replay:
/// what is left is the steps' own work on the same providers and storage.
/// </summary>
public sealed class DirectResearchContext : IResearchContext
{
    private readonly SemaphoreSlim slots;
    private readonly Dictionary<string, Func<object, Task<object>>> steps;
    private int stepCount;
    private int branchCount;

    public DirectResearchContext(string researchId, ResearchStepHandlers handlers, SemaphoreSlim slots)
    {
        ResearchId = researchId;
        this.slots = slots;
        steps = new Dictionary<string, Func<object, Task<object>>>(StringComparer.Ordinal)
        {
            [ResearchSteps.PrepareSources.Name] = async input => await handlers.PrepareSourcesAsync((PrepareSourcesInput)input),
            [ResearchSteps.Plan.Name] = async input => await handlers.PlanAsync((PlanInput)input),
            [ResearchSteps.Search.Name] = async input => await handlers.SearchAsync((SearchInput)input),
            [ResearchSteps.ReadSource.Name] = async input => await handlers.ReadSourceAsync((ReadSourceInput)input),
            [ResearchSteps.SelectPassages.Name] = async input => await handlers.SelectPassagesAsync((SelectPassagesInput)input),
            [ResearchSteps.TakeNotes.Name] = async input => await handlers.TakeNotesAsync((TakeNotesInput)input),
            [ResearchSteps.ExtractLearnings.Name] = async input => await handlers.ExtractLearningsAsync((ExtractLearningsInput)input),
            [ResearchSteps.WriteReport.Name] = async input => await handlers.WriteReportAsync((WriteReportInput)input),
            [ResearchSteps.RecordProgress.Name] = async input => await handlers.RecordProgressAsync((ProgressEvent)input),
        };
    }

    public string ResearchId { get; }

    public DateTime CurrentUtcDateTime => DateTime.UtcNow;

    public bool IsReplaying => false;

    public bool IsCancellationRequested => false;

    public ResearchProgress? LastStatus { get; private set; }

    /// <summary>Steps run (progress records included) and branches run, so far.</summary>
    public int StepCount => stepCount;

    public int BranchCount => branchCount;

    public async Task<TOutput> RunStepAsync<TInput, TOutput>(StepDefinition<TInput, TOutput> step, TInput input, StepRetryPolicy? retry = null) =>
        (TOutput)await DispatchAsync(step.Name, input!);

    public Task<TOutput> RunBranchAsync<TInput, TOutput>(BranchDefinition<TInput, TOutput> branch, TInput input, string branchKey)
    {
        Interlocked.Increment(ref branchCount);
        return input switch
        {
            SubQuestionInput subQuestion when branch.Name == ResearchWorkflows.SubQuestion.Name =>
                (Task<TOutput>)(object)SubQuestionWorkflow.RunAsync(this, subQuestion),
            DeepBranchInput deep when branch.Name == ResearchWorkflows.DeepBranch.Name =>
                (Task<TOutput>)(object)DeepBranchWorkflow.RunAsync(this, deep),
            _ => throw new InvalidOperationException($"Unknown branch {branch.Name}."),
        };
    }

    public Task RecordProgressAsync(ProgressEvent progressEvent) => DispatchAsync(ResearchSteps.RecordProgress.Name, progressEvent);

    public void SetStatus(ResearchProgress status) => LastStatus = status;

    private async Task<object> DispatchAsync(string name, object input)
    {
        var handler = steps[name];
        Interlocked.Increment(ref stepCount);
        await slots.WaitAsync();
        try
        {
            return await Task.Run(() => handler(input));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new StepFailedException(name, ex.GetType().FullName ?? ex.GetType().Name, ex.Message, ex);
        }
        finally
        {
            slots.Release();
        }
    }
}
