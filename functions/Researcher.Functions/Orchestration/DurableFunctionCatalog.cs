using Microsoft.DurableTask;
using Researcher.Core.Planning;
using Researcher.Core.Progress;
using Researcher.Core.Workflow;
using Researcher.Functions.Activities;

namespace Researcher.Functions.Orchestration;

/// <summary>An orchestrator function as the Durable Task SDK registers it.</summary>
public sealed record OrchestratorRegistration(TaskName Name, ITaskOrchestrator Orchestrator);

/// <summary>An activity function as the Durable Task SDK registers it.</summary>
public sealed record ActivityRegistration(TaskName Name, ITaskActivity Activity);

/// <summary>
/// The app's orchestrator and activity functions, unchanged, as Durable Task SDK registrations: the
/// local host runs exactly these on DurableTask.Core, and the engine tests on the in-process test
/// host, so every host runs the same orchestrations. Each registration gives the input type the
/// engine deserializes before the function runs (the function still reads it with GetInput). A
/// reflection test keeps this list equal to the [Function] methods.
/// </summary>
public static class DurableFunctionCatalog
{
    public static IReadOnlyList<OrchestratorRegistration> Orchestrators { get; } =
    [
        Orchestrator<ResearchInput, ResearchOutcome>(DurableFunctionNames.StandardResearch, ResearchOrchestrators.RunStandardResearchAsync),
        Orchestrator<SubQuestionInput, SubQuestionFindings>(DurableFunctionNames.SubQuestionResearch, ResearchOrchestrators.RunSubQuestionResearchAsync),
        Orchestrator<DeepBranchInput, DeepBranchFindings>(DurableFunctionNames.DeepResearchBranch, ResearchOrchestrators.RunDeepResearchBranchAsync),
    ];

    /// <summary>
    /// The activities, over <paramref name="activities"/>. The Functions host gives each invocation
    /// a cancellation token; elsewhere it is <paramref name="stopping"/>, the host's shutdown signal.
    /// </summary>
    public static IReadOnlyList<ActivityRegistration> Activities(ResearchActivities activities, CancellationToken stopping) =>
    [
        Activity<PrepareSourcesInput, SourcesReadiness>(DurableFunctionNames.PrepareSources, input => activities.PrepareSourcesAsync(input, stopping)),
        Activity<PlanInput, ResearchPlan>(DurableFunctionNames.Plan, input => activities.PlanAsync(input, stopping)),
        Activity<SearchInput, SearchResults>(DurableFunctionNames.Search, input => activities.SearchAsync(input, stopping)),
        Activity<ReadSourceInput, SourceReadResult>(DurableFunctionNames.ReadSource, input => activities.ReadSourceAsync(input, stopping)),
        Activity<SelectPassagesInput, PassageSetRef>(DurableFunctionNames.SelectPassages, input => activities.SelectPassagesAsync(input, stopping)),
        Activity<TakeNotesInput, NotesRef>(DurableFunctionNames.TakeNotes, input => activities.TakeNotesAsync(input, stopping)),
        Activity<ExtractLearningsInput, LearningsRef>(DurableFunctionNames.ExtractLearnings, input => activities.ExtractLearningsAsync(input, stopping)),
        Activity<WriteReportInput, ReportRef>(DurableFunctionNames.WriteReport, input => activities.WriteReportAsync(input, stopping)),
        Activity<ProgressEvent, Done>(DurableFunctionNames.RecordProgress, input => activities.RecordProgressAsync(input, stopping)),
    ];

    private static OrchestratorRegistration Orchestrator<TInput, TOutput>(string name, Func<TaskOrchestrationContext, Task<TOutput>> function) =>
        new(name, FuncTaskOrchestrator.Create<TInput, TOutput>(async (context, _) => await function(context)));

    private static ActivityRegistration Activity<TInput, TOutput>(string name, Func<TInput, Task<TOutput>> function) =>
        new(name, FuncTaskActivity.Create<TInput, TOutput>(async (_, input) =>
            await function(input ?? throw new InvalidOperationException($"Activity {name} was called without its {typeof(TInput).Name}."))));
}
