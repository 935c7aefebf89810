using Microsoft.Azure.Functions.Worker;
using Researcher.Core.Planning;
using Researcher.Core.Progress;
using Researcher.Core.Workflow;
using Researcher.Functions.Orchestration;

namespace Researcher.Functions.Activities;

/// <summary>One activity per research step, each a one-line call into Core's step handlers.</summary>
public sealed class ResearchActivities(ResearchStepHandlers handlers)
{
    [Function(DurableFunctionNames.PrepareSources)]
    public Task<SourcesReadiness> PrepareSourcesAsync([ActivityTrigger] PrepareSourcesInput input, CancellationToken cancellationToken) =>
        handlers.PrepareSourcesAsync(input, cancellationToken);

    [Function(DurableFunctionNames.Plan)]
    public Task<ResearchPlan> PlanAsync([ActivityTrigger] PlanInput input, CancellationToken cancellationToken) =>
        handlers.PlanAsync(input, cancellationToken);

    [Function(DurableFunctionNames.Search)]
    public Task<SearchResults> SearchAsync([ActivityTrigger] SearchInput input, CancellationToken cancellationToken) =>
        handlers.SearchAsync(input, cancellationToken);

    [Function(DurableFunctionNames.ReadSource)]
    public Task<SourceReadResult> ReadSourceAsync([ActivityTrigger] ReadSourceInput input, CancellationToken cancellationToken) =>
        handlers.ReadSourceAsync(input, cancellationToken);

    [Function(DurableFunctionNames.SelectPassages)]
    public Task<PassageSetRef> SelectPassagesAsync([ActivityTrigger] SelectPassagesInput input, CancellationToken cancellationToken) =>
        handlers.SelectPassagesAsync(input, cancellationToken);

    [Function(DurableFunctionNames.TakeNotes)]
    public Task<NotesRef> TakeNotesAsync([ActivityTrigger] TakeNotesInput input, CancellationToken cancellationToken) =>
        handlers.TakeNotesAsync(input, cancellationToken);

    [Function(DurableFunctionNames.ExtractLearnings)]
    public Task<LearningsRef> ExtractLearningsAsync([ActivityTrigger] ExtractLearningsInput input, CancellationToken cancellationToken) =>
        handlers.ExtractLearningsAsync(input, cancellationToken);

    [Function(DurableFunctionNames.WriteReport)]
    public Task<ReportRef> WriteReportAsync([ActivityTrigger] WriteReportInput input, CancellationToken cancellationToken) =>
        handlers.WriteReportAsync(input, cancellationToken);

    [Function(DurableFunctionNames.RecordProgress)]
    public Task<Done> RecordProgressAsync([ActivityTrigger] ProgressEvent progressEvent, CancellationToken cancellationToken) =>
        handlers.RecordProgressAsync(progressEvent, cancellationToken);
}
