using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Researcher.Core.Context;
using Researcher.Core.Contracts;
using Researcher.Core.Planning;
using Researcher.Core.Reading;
using Researcher.Core.Search;
using Researcher.Core.Writing;
using Researcher.Testing;

namespace Researcher.Core.Tests.Engine;

/// <summary>What one research over the shipped documents produced.</summary>
public sealed record EngineRun(ResearchPlan Plan, IReadOnlyList<string> SearchedLocations, WrittenReport Report)
{
    /// <summary>The first sentence of the report's summary, without its citation.</summary>
    public string SummaryFirstSentence =>
        Report.Markdown.Split("## Summary\n\n")[1].Split(" [")[0];
}

/// <summary>
/// The offline engine over the repository's docs/ folder with default options, run step by step as
/// the workflow runs it (plan, then per sub-question search, read, select; then write). The index is
/// built once for all tests that share this fixture.
/// </summary>
public sealed class ShippedDocsEngine : IDisposable
{
    private readonly LocalDocumentIndex index;
    private readonly LocalDocumentReader reader;
    private readonly ExtractivePlanner planner;
    private readonly RankedPassageSelector selector = new(Options.Create(new PassageSelectionOptions()));
    private readonly ExtractiveReportWriter writer = new(Options.Create(new ExtractiveWritingOptions()));
    private readonly ResearchLimits limits = new();

    public ShippedDocsEngine()
    {
        var folder = new LocalDocumentFolder(Options.Create(new LocalDocumentsOptions { Path = DocsFolder }));
        index = new LocalDocumentIndex(folder, Options.Create(new LocalSearchOptions()), NullLogger<LocalDocumentIndex>.Instance);
        reader = new LocalDocumentReader(folder);
        planner = new ExtractivePlanner(index, Options.Create(new ExtractivePlanningOptions()));
    }

    public static string DocsFolder => Path.Combine(RepositoryPaths.Root, "docs");

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
            sections.Add(new PassageSet(subQuestion, selector.Select(subQuestion, sources, budget)));
        }
        var report = await writer.WriteAsync(new ReportDraft(question, reportType, sections, []), CancellationToken.None);
        return new EngineRun(plan, searched.Distinct().ToList(), report);
    }

    public void Dispose() => index.Dispose();
}
