using System.Collections.Concurrent;
using Researcher.Core.Context;
using Researcher.Core.Contracts;
using Researcher.Core.Llm;
using Researcher.Core.Planning;
using Researcher.Core.Progress;
using Researcher.Core.Reading;
using Researcher.Core.Search;
using Researcher.Core.Storage;
using Researcher.Core.Web;
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
    IProgressNotifier progressNotifier,
    ISourceNoteTaker noteTaker,
    ILearningExtractor learningExtractor,
    ExtractiveLearningExtractor extractiveLearnings,
    SearchPreparation searchPreparation)
{
    /// <summary>The source reads running in this process, by content name, so concurrent reads of one source share one.</summary>
    private readonly ConcurrentDictionary<string, Task<SourceRead>> readsInFlight = new(StringComparer.Ordinal);

    /// <summary>A read's result for the workflow, and the document itself when it could be read.</summary>
    private sealed record SourceRead(SourceReadResult Result, SourceDocument? Document);

    /// <summary>
    /// Whether the search can search now, after waiting a little for it (<see cref="SearchPreparation"/>):
    /// when not, where the documents' index's build is. A build that failed fails the step.
    /// </summary>
    public async Task<SourcesReadiness> PrepareSourcesAsync(PrepareSourcesInput input, CancellationToken cancellationToken = default) =>
        await searchPreparation.WaitAsync(cancellationToken) is { IsSearchable: false } building
            ? SourcesReadiness.Building(building)
            : SourcesReadiness.Searchable;

    public async Task<ResearchPlan> PlanAsync(PlanInput input, CancellationToken cancellationToken = default)
    {
        using var meter = UsageMeter.Start();
        var plan = input.SourceUrls.Count == 0
            ? await planner.PlanAsync(input.Question, input.MaxSubQuestions, cancellationToken)
            : await planner.PlanAsync(input.Question, input.MaxSubQuestions, await ListedPagesAsync(input, cancellationToken), cancellationToken);
        return plan with { Usage = meter.Total };
    }

    /// <summary>
    /// A research limited to listed pages plans from the pages themselves: each is read (and stored,
    /// so its branches do not read it again) and becomes a first result with its title and opening
    /// paragraphs (the planner shortens them), in the order listed; a page that cannot be read is
    /// left out here (its branches report it).
    /// </summary>
    private async Task<IReadOnlyList<SearchHit>> ListedPagesAsync(PlanInput input, CancellationToken cancellationToken)
    {
        var reads = await Task.WhenAll(input.SourceUrls.Select((url, index) =>
            ReadOnceAsync(new ReadSourceInput(input.ResearchId, ListedPage(url, index)), cancellationToken)));
        return reads.Select(read => read.Document).OfType<SourceDocument>()
            .Select((document, index) => new SearchHit(document.Location, document.Title, null, input.SourceUrls.Count - index,
                string.Join(' ', document.Sections.SelectMany(s => s.Paragraphs).Take(ListedPageParagraphs))))
            .ToList();
    }

    /// <summary>Paragraphs of a listed page's opening shown to the planner as its snippet.</summary>
    private const int ListedPageParagraphs = 3;

    /// <summary>A listed page as a search result: ranked in the order listed.</summary>
    private static SearchHit ListedPage(string url, int index) => new(url, url, null, -index, "");

    /// <summary>The search results of a sub-question; with listed pages, those pages (all of them, whatever the query).</summary>
    public async Task<SearchResults> SearchAsync(SearchInput input, CancellationToken cancellationToken = default) =>
        input.SourceUrls.Count > 0
            ? new(input.SourceUrls.Select(ListedPage).ToList())
            : new(await searchProvider.SearchAsync(input.Query, input.MaxResults, cancellationToken));

    public async Task<SourceReadResult> ReadSourceAsync(ReadSourceInput input, CancellationToken cancellationToken = default) =>
        (await ReadOnceAsync(input, cancellationToken)).Result;

    /// <summary>
    /// Reads a hit's source once per research: a source already stored under the hit's canonical
    /// location is not read again, and branches reading the same source at the same time in this
    /// process share one read (a web page is fetched once however many sub-questions find it).
    /// </summary>
    private async Task<SourceRead> ReadOnceAsync(ReadSourceInput input, CancellationToken cancellationToken)
    {
        var name = ContentNames.Source(input.ResearchId, CanonicalUrls.OfLocation(input.Hit.Location));
        // The store is looked at inside the shared read: a read that ends (stored, then no longer
        // in flight) while another caller was still looking would otherwise be fetched again.
        var read = readsInFlight.GetOrAdd(name, _ => StoredOrReadAsync(input, name, cancellationToken));
        try
        {
            return await read;
        }
        finally
        {
            readsInFlight.TryRemove(KeyValuePair.Create(name, read));
        }
    }

    private async Task<SourceRead> StoredOrReadAsync(ReadSourceInput input, string name, CancellationToken cancellationToken) =>
        await contentStore.TryGetJsonAsync<SourceDocument>(name, cancellationToken) is { } stored
            ? Read(stored, name)
            : await ReadAndStoreAsync(input, cancellationToken);

    private async Task<SourceRead> ReadAndStoreAsync(ReadSourceInput input, CancellationToken cancellationToken)
    {
        SourceDocument document;
        try
        {
            document = await sourceReader.ReadAsync(input.Hit.Location, cancellationToken);
        }
        catch (SourceUnreadableException ex)
        {
            return new SourceRead(new SourceReadResult(null, $"Skipped {ex.Location}: {ex.Reason}"), null);
        }

        var name = ContentNames.Source(input.ResearchId, document.Location);
        await contentStore.PutJsonAsync(name, document, cancellationToken);
        return Read(document, name);
    }

    private static SourceRead Read(SourceDocument document, string contentName) =>
        new(new SourceReadResult(new SourceRef(document.Location, document.Title, contentName, document.CharacterCount), null), document);

    public async Task<PassageSetRef> SelectPassagesAsync(SelectPassagesInput input, CancellationToken cancellationToken = default)
    {
        var documents = new List<SourceDocument>(input.Sources.Count);
        foreach (var source in input.Sources)
            documents.Add(await contentStore.GetJsonAsync<SourceDocument>(source.ContentName, cancellationToken));

        using var meter = UsageMeter.Start();
        var passages = await passageSelector.SelectAsync(
            input.SubQuestion, documents, new PassageBudget(input.MaxPassages, input.MaxCharacters), cancellationToken);
        var name = ContentNames.Passages(input.ResearchId, input.SubQuestion.Key);
        await contentStore.PutJsonAsync(name, new PassageSet(input.SubQuestion, passages), cancellationToken);
        var estimates = input.NoteStyle is { } style
            ? BySource(passages).Select(group => new NoteEstimate(group.Key, noteTaker.Estimate(input.SubQuestion, group.ToList(), style))).ToList()
            : [];
        return new PassageSetRef(name, passages.Count, passages.Select(p => p.SourceLocation).Distinct().Count())
        {
            NoteEstimates = estimates,
            Usage = meter.Total,
        };
    }

    public async Task<NotesRef> TakeNotesAsync(TakeNotesInput input, CancellationToken cancellationToken = default)
    {
        var set = await contentStore.GetJsonAsync<PassageSet>(input.PassagesContentName, cancellationToken);
        var passages = set.Passages.Where(p => p.SourceLocation == input.SourceLocation).ToList();
        var name = ContentNames.Notes(input.ResearchId, input.SubQuestion.Key, input.SourceLocation);
        if (passages.Count == 0)
            return new NotesRef(input.SourceLocation, name, 0, ResearchUsage.Zero);

        using var meter = UsageMeter.Start();
        var notes = await noteTaker.TakeNotesAsync(input.SubQuestion, passages, input.Style, cancellationToken);
        await contentStore.PutJsonAsync(name, notes, cancellationToken);
        return new NotesRef(input.SourceLocation, name, notes.Notes.Count, meter.Total);
    }

    /// <summary>
    /// What a deep research's branch learned from its stored passages, building on what the
    /// branches above it learned, and where it proposes to go next. The model extracts them when
    /// its worst case fits the branch's allowance; otherwise they are extracted without it and the
    /// branch says its budget was reached.
    /// </summary>
    public async Task<LearningsRef> ExtractLearningsAsync(ExtractLearningsInput input, CancellationToken cancellationToken = default)
    {
        var set = await contentStore.GetJsonAsync<PassageSet>(input.PassagesContentName, cancellationToken);
        var known = new List<Learning>();
        foreach (var name in input.Known)
            known.AddRange((await contentStore.GetJsonAsync<BranchLearnings>(name, cancellationToken)).Learnings);

        var request = new LearningRequest(input.Question, input.Query, set.Passages, known, input.MaxFollowUps, input.Style);
        var affordable = input.Allowance.Fits(learningExtractor.Estimate(request));
        using var meter = UsageMeter.Start();
        var learned = await (affordable ? learningExtractor : extractiveLearnings).ExtractAsync(request, cancellationToken);
        var contentName = ContentNames.Learnings(input.ResearchId, input.Query.Key);
        await contentStore.PutJsonAsync(contentName, learned, cancellationToken);
        return new LearningsRef(contentName, learned.Learnings.Count, learned.FollowUps, meter.Total) { BudgetReached = !affordable };
    }

    /// <summary>The passages grouped by source, sources in order of their best passage (the passages come best first).</summary>
    private static IEnumerable<IGrouping<string, Passage>> BySource(IReadOnlyList<Passage> passages) =>
        passages.GroupBy(p => p.SourceLocation, StringComparer.Ordinal);

    public async Task<ReportRef> WriteReportAsync(WriteReportInput input, CancellationToken cancellationToken = default)
    {
        var (sections, notes, summarySections) = input.Tree.Count > 0
            ? await TreeSectionsAsync(input, cancellationToken)
            : await SubQuestionSectionsAsync(input, cancellationToken);
        var warnings = input.Findings.SelectMany(f => f.Warnings).Concat(input.Tree.SelectMany(b => b.Warnings)).Concat(input.Gaps).ToList();
        var draft = new ReportDraft(input.Question, input.ReportType, sections, warnings)
        {
            Style = input.Style,
            Notes = notes,
            SummarySections = summarySections,
            Budget = input.Budget,
            SpentBefore = input.SpentBefore,
            BudgetReached = input.BudgetReached,
            Currency = input.Currency,
        };
        using var meter = UsageMeter.Start();
        var report = await reportWriter.WriteAsync(draft, cancellationToken);
        var name = ContentNames.Report(input.ResearchId);
        await contentStore.PutTextAsync(name, report.Markdown, "text/markdown; charset=utf-8", cancellationToken);
        return new ReportRef(name, report.WordCount, report.CitationCount, report.Sources.Count) { Usage = meter.Total };
    }

    /// <summary>One section per sub-question with its passages, and its notes when the report is written from notes.</summary>
    private async Task<(List<PassageSet> Sections, Dictionary<string, IReadOnlyList<SourceNotes>> Notes, IReadOnlySet<int>? SummarySections)> SubQuestionSectionsAsync(
        WriteReportInput input, CancellationToken cancellationToken)
    {
        var sections = new List<PassageSet>(input.Findings.Count);
        var notes = new Dictionary<string, IReadOnlyList<SourceNotes>>(StringComparer.Ordinal);
        foreach (var finding in input.Findings.Where(f => f.Passages is not null))
        {
            sections.Add(await contentStore.GetJsonAsync<PassageSet>(finding.Passages!.ContentName, cancellationToken));
            if (!input.FromNotes) continue;
            var taken = new List<SourceNotes>(finding.Notes.Count);
            foreach (var note in finding.Notes.Where(n => n.NoteCount > 0))
                taken.Add(await contentStore.GetJsonAsync<SourceNotes>(note.ContentName, cancellationToken));
            notes[finding.SubQuestion.Key] = taken;
        }
        return (sections, notes, null);
    }

    /// <summary>
    /// A deep research's sections, in tree order. Written from notes, one per top-level branch,
    /// headed by its goal: its subtree's learnings as notes, by the source each cites first (a
    /// learning another branch of the tree already stated is left out), and its subtree's passages.
    /// Written from passages, one per branch, headed by its own goal: an extractive writer quotes,
    /// and a section quotes what answers its heading. Either way the summary comes from the top level.
    /// </summary>
    private async Task<(List<PassageSet> Sections, Dictionary<string, IReadOnlyList<SourceNotes>> Notes, IReadOnlySet<int> TopLevel)> TreeSectionsAsync(
        WriteReportInput input, CancellationToken cancellationToken)
    {
        var sections = new List<PassageSet>();
        var notes = new Dictionary<string, IReadOnlyList<SourceNotes>>(StringComparer.Ordinal);
        var topLevel = new HashSet<int>();
        var learned = new DistinctLearnings();
        // The tree comes in path order, so each subtree's branches are together, its top-level branch first.
        var groups = input.FromNotes
            ? input.Tree.GroupBy(b => new TreePath(b.Query.Key).Top, StringComparer.Ordinal)
            : input.Tree.GroupBy(b => b.Query.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var passages = new List<Passage>();
            var passagesSeen = new HashSet<(string, string)>();
            var learnings = new List<Learning>();
            var titles = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var branch in group)
            {
                var set = await contentStore.GetJsonAsync<PassageSet>(branch.PassagesContentName, cancellationToken);
                foreach (var passage in set.Passages.Where(p => passagesSeen.Add((p.SourceLocation, p.Text))))
                {
                    passages.Add(passage);
                    titles.TryAdd(passage.SourceLocation, passage.SourceTitle);
                }
                if (input.FromNotes)
                    learnings.AddRange(learned.AddNew((await contentStore.GetJsonAsync<BranchLearnings>(branch.LearningsContentName, cancellationToken)).Learnings));
            }
            var heading = group.First().Query;
            if (new TreePath(heading.Key).Depth == 1) topLevel.Add(sections.Count);
            sections.Add(new PassageSet(heading, passages));
            if (input.FromNotes)
                notes[heading.Key] = learnings
                    .GroupBy(l => l.SourceLocations[0], StringComparer.Ordinal)
                    .Select(bySource => new SourceNotes(
                        bySource.Key, titles.GetValueOrDefault(bySource.Key, bySource.Key), true, bySource.Select(l => l.Text).ToList()))
                    .ToList();
        }
        return (sections, notes, topLevel);
    }

    /// <summary>Stores the event in the log, then tells its live subscribers (the log first: a client that hears of an event can always read it).</summary>
    public async Task<Done> RecordProgressAsync(ProgressEvent progressEvent, CancellationToken cancellationToken = default)
    {
        await eventLog.AppendAsync(progressEvent, cancellationToken);
        await progressNotifier.NotifyAsync(progressEvent, cancellationToken);
        return Done.Instance;
    }
}
