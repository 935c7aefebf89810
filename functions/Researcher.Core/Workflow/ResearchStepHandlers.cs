using Researcher.Core.Context;
using Researcher.Core.Planning;
using Researcher.Core.Progress;
using Researcher.Core.Reading;
using Researcher.Core.Search;
using Researcher.Core.Storage;
using Researcher.Core.Writing;

namespace Researcher.Core.Workflow;

/// <summary>
/// What each step does. Both hosts run them as the Functions app's activities, each a one-line
/// call into these. Each is idempotent (deterministic content
/// names, upserts), because a step runs at least once.
/// </summary>
public sealed class ResearchStepHandlers(
    IResearchPlanner planner,
    ISearchProvider searchProvider,
    ISourceReader sourceReader,
    IPassageSelector passageSelector,
    IReportWriter reportWriter,
    IContentStore contentStore,
    IEventLog eventLog,
    IProgressNotifier progressNotifier)
{
    public Task<ResearchPlan> PlanAsync(PlanInput input, CancellationToken cancellationToken = default) =>
        planner.PlanAsync(input.Question, input.MaxSubQuestions, cancellationToken);

    public async Task<SearchResults> SearchAsync(SearchInput input, CancellationToken cancellationToken = default) =>
        new(await searchProvider.SearchAsync(input.Query, input.MaxResults, cancellationToken));

    public async Task<SourceReadResult> ReadSourceAsync(ReadSourceInput input, CancellationToken cancellationToken = default)
    {
        SourceDocument document;
        try
        {
            document = await sourceReader.ReadAsync(input.Hit.Location, cancellationToken);
        }
        catch (SourceUnreadableException ex)
        {
            return new SourceReadResult(null, $"Skipped {ex.Location}: {ex.Reason}");
        }

        var name = ContentNames.Source(input.ResearchId, document.Location);
        await contentStore.PutJsonAsync(name, document, cancellationToken);
        return new SourceReadResult(new SourceRef(document.Location, document.Title, name, document.CharacterCount), null);
    }

    public async Task<PassageSetRef> SelectPassagesAsync(SelectPassagesInput input, CancellationToken cancellationToken = default)
    {
        var documents = new List<SourceDocument>(input.Sources.Count);
        foreach (var source in input.Sources)
            documents.Add(await contentStore.GetJsonAsync<SourceDocument>(source.ContentName, cancellationToken));

        var passages = await passageSelector.SelectAsync(
            input.SubQuestion, documents, new PassageBudget(input.MaxPassages, input.MaxCharacters), cancellationToken);
        var name = ContentNames.Passages(input.ResearchId, input.SubQuestion.Key);
        await contentStore.PutJsonAsync(name, new PassageSet(input.SubQuestion, passages), cancellationToken);
        return new PassageSetRef(name, passages.Count, passages.Select(p => p.SourceLocation).Distinct().Count());
    }

    public async Task<ReportRef> WriteReportAsync(WriteReportInput input, CancellationToken cancellationToken = default)
    {
        var sections = new List<PassageSet>(input.Findings.Count);
        foreach (var finding in input.Findings.Where(f => f.Passages is not null))
            sections.Add(await contentStore.GetJsonAsync<PassageSet>(finding.Passages!.ContentName, cancellationToken));

        var warnings = input.Findings.SelectMany(f => f.Warnings).Concat(input.Gaps).ToList();
        var report = await reportWriter.WriteAsync(new ReportDraft(input.Question, input.ReportType, sections, warnings), cancellationToken);
        var name = ContentNames.Report(input.ResearchId);
        await contentStore.PutTextAsync(name, report.Markdown, "text/markdown; charset=utf-8", cancellationToken);
        return new ReportRef(name, report.WordCount, report.CitationCount, report.Sources.Count);
    }

    /// <summary>Stores the event in the log, then tells its live subscribers (the log first: a client that hears of an event can always read it).</summary>
    public async Task<Done> RecordProgressAsync(ProgressEvent progressEvent, CancellationToken cancellationToken = default)
    {
        await eventLog.AppendAsync(progressEvent, cancellationToken);
        await progressNotifier.NotifyAsync(progressEvent, cancellationToken);
        return Done.Instance;
    }
}
