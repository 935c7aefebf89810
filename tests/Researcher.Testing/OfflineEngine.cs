using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Researcher.Core.Context;
using Researcher.Core.Contracts;
using Researcher.Core.Embeddings;
using Researcher.Core.Planning;
using Researcher.Core.Progress;
using Researcher.Core.Reading;
using Researcher.Core.Search;
using Researcher.Core.Text;
using Researcher.Core.Workflow;
using Researcher.Core.Writing;

namespace Researcher.Testing;

/// <summary>
/// What one research of the offline engine produced: its plan (as the planner made it), every
/// location its branches' searches returned, the report as the writer wrote it, and its progress events.
/// </summary>
public sealed record EngineRun(
    ResearchPlan Plan, IReadOnlyList<string> SearchedLocations, ReportDraft Draft, WrittenReport Report, IReadOnlyList<ProgressEvent> Events)
{
    /// <summary>The first sentence of the report's summary, without its citation.</summary>
    public string SummaryFirstSentence => SummarySentences[0];

    /// <summary>The sentences of the report's summary, in order, each without its citation.</summary>
    public IReadOnlyList<string> SummarySentences =>
        Regex.Split(Report.Markdown.Split("## Summary\n\n")[1].Split('\n')[0], @" \[\d+\](?: |$)")
            .Where(sentence => sentence.Length > 0)
            .ToList();

    /// <summary>The queries a deep research's branches explored, by path (empty for other report types).</summary>
    public IReadOnlyDictionary<string, string> Branches =>
        Events.Where(e => e.Type == ProgressEventType.BranchStarted).ToDictionary(e => e.Data!["branch"], e => e.Data!["query"]);
}

/// <summary>
/// The offline engine over one documents folder: the hosts' workflow and step handlers run in this
/// process (<see cref="DirectResearchContext"/>) over the offline providers with the given options,
/// content and events in memory. The index is built (embeddings included) before the first research
/// and shared by every research of this instance; researches may run one at a time or several at once.
/// </summary>
public sealed class OfflineEngine : IDisposable
{
    /// <summary>Steps run at once, as a host's default MaxConcurrentActivities allows.</summary>
    private const int ConcurrentSteps = 8;

    private readonly LocalEmbeddings embeddings;
    private readonly LocalDocumentIndex index;
    private readonly LocalDocumentReader reader;
    private readonly ExtractivePlanner planner;
    private readonly RankedPassageSelector selector;
    private readonly ExtractiveReportWriter writer;
    private readonly ExtractiveLearningExtractor learnings;
    private readonly ResearchRequestReader requests;
    private readonly DocumentIndexOptions indexOptions;
    private readonly SemaphoreSlim slots = new(ConcurrentSteps);

    public OfflineEngine(string documentsFolder, OfflineEngineOptions? options = null, ILogger<LocalDocumentIndex>? logger = null)
    {
        options ??= new OfflineEngineOptions();
        var folder = new LocalDocumentFolder(Options.Create(new LocalDocumentsOptions { Path = documentsFolder }));
        embeddings = new LocalEmbeddings(Options.Create(options.Embeddings));
        index = new LocalDocumentIndex(folder, Options.Create(options.Search), logger ?? NullLogger<LocalDocumentIndex>.Instance,
            options.Index, embeddings.Generator, options.Passages.MaxPassageCharacters);
        reader = new LocalDocumentReader(folder, index);
        planner = new ExtractivePlanner(index, Options.Create(options.Planning), embeddings.Generator);
        selector = new RankedPassageSelector(Options.Create(options.Passages), TiktokenTokenCounter.Instance, embeddings.Generator);
        writer = new ExtractiveReportWriter(Options.Create(options.Writing), embeddings.Generator);
        learnings = new ExtractiveLearningExtractor(planner, Options.Create(options.Writing), Options.Create(options.Planning));
        requests = new ResearchRequestReader(options.Limits);
        indexOptions = options.Index;
    }

    /// <summary>
    /// Builds the index now rather than on the first research, so its cost can be measured apart, and
    /// waits until it is whole (its passages embedded too, when embeddings are on).
    /// </summary>
    public Task BuildIndexAsync() => index.WarmUpAsync(CancellationToken.None);

    /// <summary>The engine's search on its own, as every planner and sub-question search calls it.</summary>
    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int maxResults) =>
        index.SearchAsync(query, maxResults, CancellationToken.None);

    /// <summary>Researches <paramref name="question"/> with the default limits and writes a report of <paramref name="reportType"/>.</summary>
    public Task<EngineRun> RunAsync(string question, ReportType reportType = ReportType.ResearchReport) =>
        RunAsync(new ResearchRequest(question, reportType.ToWireName()));

    /// <summary>Runs the research <paramref name="request"/> asks for, validated as the API validates it, through the hosts' workflow.</summary>
    public async Task<EngineRun> RunAsync(ResearchRequest request)
    {
        var read = requests.Validate(request);
        var spec = read.Spec ?? throw new ArgumentException(read.Problem!.Detail, nameof(request));
        // A host's first researches may search with BM25 alone while the embeddings are made; the
        // engine's researches are measured, so each one waits for the whole index.
        await BuildIndexAsync();
        var researchId = ResearchIds.New();
        var run = new RunRecorder(planner, index, writer);
        var events = new InMemoryEventLog();
        var handlers = new ResearchStepHandlers(
            run, run, reader, selector, run, new InMemoryContentStore(), events, new NoProgressNotifier(), new NoNoteTaker(), learnings, learnings,
            new SearchPreparation(index, Options.Create(indexOptions), TimeProvider.System));

        var outcome = await StandardResearchWorkflow.RunAsync(new DirectResearchContext(researchId, handlers, slots), new ResearchInput(researchId, spec));
        if (outcome.Status != ResearchRuntimeStatus.Completed)
            throw new InvalidOperationException($"The research ended {outcome.Status}: {outcome.Failure?.Reason}");
        return new EngineRun(run.Plan!, run.Searched, run.Draft!, run.Report!, await events.AllAsync(researchId));
    }

    public void Dispose()
    {
        index.Dispose();
        embeddings.Dispose();
        slots.Dispose();
    }

    /// <summary>One research's planner, branch search and writer: the engine's own, each answer kept for its <see cref="EngineRun"/>.</summary>
    private sealed class RunRecorder(IResearchPlanner planner, ISearchProvider search, IReportWriter writer) : IResearchPlanner, ISearchProvider, IReportWriter
    {
        private readonly List<string> searched = [];

        public ResearchPlan? Plan { get; private set; }

        public ReportDraft? Draft { get; private set; }

        public WrittenReport? Report { get; private set; }

        public IReadOnlyList<string> Searched
        {
            get { lock (searched) return searched.Distinct().ToList(); }
        }

        public async Task<ResearchPlan> PlanAsync(string question, int maxSubQuestions, CancellationToken cancellationToken) =>
            Plan = await planner.PlanAsync(question, maxSubQuestions, cancellationToken);

        public async Task<ResearchPlan> PlanAsync(string question, int maxSubQuestions, IReadOnlyList<SearchHit> firstResults, CancellationToken cancellationToken) =>
            Plan = await planner.PlanAsync(question, maxSubQuestions, firstResults, cancellationToken);

        public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken)
        {
            var hits = await search.SearchAsync(query, maxResults, cancellationToken);
            lock (searched) searched.AddRange(hits.Select(hit => hit.Location));
            return hits;
        }

        public async Task<WrittenReport> WriteAsync(ReportDraft draft, CancellationToken cancellationToken)
        {
            Draft = draft;
            return Report = await writer.WriteAsync(draft, cancellationToken);
        }
    }
}
