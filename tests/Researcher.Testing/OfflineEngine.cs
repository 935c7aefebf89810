using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Researcher.Core.Context;
using Researcher.Core.Contracts;
using Researcher.Core.Planning;
using Researcher.Core.Reading;
using Researcher.Core.Search;
using Researcher.Core.Text;
using Researcher.Core.Writing;

namespace Researcher.Testing;

/// <summary>What one research of the offline engine produced.</summary>
public sealed record EngineRun(ResearchPlan Plan, IReadOnlyList<string> SearchedLocations, WrittenReport Report)
{
    /// <summary>The first sentence of the report's summary, without its citation.</summary>
    public string SummaryFirstSentence =>
        Report.Markdown.Split("## Summary\n\n")[1].Split(" [")[0];
}

/// <summary>
/// The offline engine over one documents folder, run step by step as the workflow runs it (plan,
/// then per sub-question search, read, select; then write), in this process and without storage.
/// The index is built on the first search and shared by every research of this instance.
/// </summary>
public sealed class OfflineEngine : IDisposable
{
    private readonly LocalDocumentIndex index;
    private readonly LocalDocumentReader reader;
    private readonly ExtractivePlanner planner;
    private readonly RankedPassageSelector selector;
    private readonly ExtractiveReportWriter writer;
    private readonly ResearchLimits limits;

    public OfflineEngine(string documentsFolder, OfflineEngineOptions? options = null)
    {
        options ??= new OfflineEngineOptions();
        var folder = new LocalDocumentFolder(Options.Create(new LocalDocumentsOptions { Path = documentsFolder }));
        index = new LocalDocumentIndex(folder, Options.Create(options.Search), NullLogger<LocalDocumentIndex>.Instance);
        reader = new LocalDocumentReader(folder);
        planner = new ExtractivePlanner(index, Options.Create(options.Planning));
        selector = new RankedPassageSelector(Options.Create(options.Passages), TiktokenTokenCounter.Instance);
        writer = new ExtractiveReportWriter(Options.Create(options.Writing));
        limits = options.Limits;
    }

    /// <summary>
    /// Builds the index now rather than on the first research, so its cost can be measured apart:
    /// the index builds itself on its first search, and this runs one (its result is discarded).
    /// </summary>
    public Task BuildIndexAsync() => index.SearchAsync("index", 1, CancellationToken.None);

    /// <summary>The engine's search on its own, as every planner and sub-question search calls it.</summary>
    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int maxResults) =>
        index.SearchAsync(query, maxResults, CancellationToken.None);

    /// <summary>Researches <paramref name="question"/> with the default limits and writes a report of <paramref name="reportType"/>.</summary>
    public async Task<EngineRun> RunAsync(string question, ReportType reportType = ReportType.ResearchReport)
    {
        var plan = await planner.PlanAsync(question, limits.DefaultSubQuestions, CancellationToken.None);
        var searched = new List<string>();
        var sections = new List<PassageSet>();
        foreach (var subQuestion in plan.SubQuestions)
        {
            var hits = await index.SearchAsync(subQuestion.Text, limits.DefaultSourcesPerSubQuestion, CancellationToken.None);
            var sources = new List<SourceDocument>();
            foreach (var hit in hits)
                sources.Add(await reader.ReadAsync(hit.Location, CancellationToken.None));
            searched.AddRange(hits.Select(h => h.Location));
            var budget = new PassageBudget(limits.MaxPassagesPerSubQuestion, limits.MaxPassageCharactersPerSubQuestion);
            sections.Add(new PassageSet(subQuestion, await selector.SelectAsync(subQuestion, sources, budget, CancellationToken.None)));
        }
        var report = await writer.WriteAsync(new ReportDraft(question, reportType, sections, []), CancellationToken.None);
        return new EngineRun(plan, searched.Distinct().ToList(), report);
    }

    public void Dispose() => index.Dispose();
}
