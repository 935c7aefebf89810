using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Researcher.Core.Context;
using Researcher.Core.Embeddings;
using Researcher.Core.Reading;
using Researcher.Core.Text;

namespace Researcher.Core.Search;

/// <summary>
/// Searches the documents folder. The index (one entry per section, see <see cref="SectionIndex"/>,
/// and the embedding of every passage, see <see cref="DenseSections"/>) is built on the first search
/// or at start-up, from the same parsers the reader uses; files that cannot be read are skipped with
/// a warning, documents that repeat another are left out (<see cref="DuplicateDocuments"/>), and so
/// are pages of links (<see cref="SourceDocument.IsNavigation"/>) and the paragraphs repeated across
/// the folder (<see cref="RepeatedBlocks"/>: a site's footer or banner), which
/// <see cref="RepeatedParagraphsAsync"/> names for the reader.
/// With <see cref="DocumentIndexOptions.Persist"/> it is kept on disk (<see cref="IndexFolder"/>):
/// the next process opens it as it is when no file changed, and otherwise parses and embeds only the
/// files added or changed since. A search ranks sections for the question's terms with BM25, expands
/// the query with the strongest terms of the best sections (pseudo-relevance feedback) and ranks
/// again, orders the result by how much of the question each section covers, and fuses that ranking
/// of documents with their ranking by the embeddings' similarity to the question (a convex combination
/// of their scaled scores; see <see cref="LocalSearchOptions.Retrieval"/>); it returns the best section of each
/// document. Thread-safe.
/// </summary>
public sealed class LocalDocumentIndex : ISearchProvider, ISearchReadiness, IDisposable
{
    private const int EmbeddingBatch = 16;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    private readonly LocalDocumentFolder folder;
    private readonly LocalSearchOptions options;
    private readonly ILogger<LocalDocumentIndex> logger;
    private readonly IndexFolder? store;
    private readonly CachedEmbeddingGenerator? embeddings;
    private readonly int passageCharacters;
    private readonly bool removeMissingFolders;
    private readonly Lock building = new();
    private Task<SectionIndex>? index;
    private Task? completion;
    private readonly CancellationTokenSource stopping = new();

    /// <summary>The paragraphs left out of the index as the folder's boilerplate; set before the index is handed to its first search.</summary>
    private IReadOnlySet<string> repeatedParagraphs = new HashSet<string>();

    /// <param name="storage">Where the index is kept between runs; null (or not <see cref="DocumentIndexOptions.Persist"/>) builds it in memory.</param>
    /// <param name="embeddings">The model that embeds passages and questions for dense retrieval; null ranks with BM25 alone.</param>
    /// <param name="passageCharacters">The passage size, the passage selector's (<see cref="PassageSelectionOptions.MaxPassageCharacters"/>), so its passages are the ones the index embedded.</param>
    public LocalDocumentIndex(LocalDocumentFolder folder, IOptions<LocalSearchOptions> options, ILogger<LocalDocumentIndex> logger,
        DocumentIndexOptions? storage = null, CachedEmbeddingGenerator? embeddings = null,
        int passageCharacters = PassageSelectionOptions.DefaultMaxPassageCharacters)
    {
        this.folder = folder;
        this.options = options.Value;
        this.logger = logger;
        store = storage is { Persist: true } ? new IndexFolder(storage.ResolvePath(AppContext.BaseDirectory), folder.Root) : null;
        removeMissingFolders = storage?.RemoveMissingFolders ?? false;
        this.embeddings = embeddings;
        this.passageCharacters = passageCharacters;
    }

    /// <summary>Where the index is kept on disk; null when it is built in memory.</summary>
    public string? StoragePath => store?.Path;

    /// <summary>What the index is doing now: its build's phase and progress, or that it is ready.</summary>
    public IndexProgress Progress { get; private set; } = new(IndexPhase.NotStarted, 0, 0);

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken)
    {
        var queryTerms = ResearchAnalyzer.Terms(query).Distinct(StringComparer.Ordinal).Take(options.MaxQueryTerms).ToList();
        if (queryTerms.Count == 0 || maxResults <= 0) return [];

        var sections = await Index().WaitAsync(cancellationToken);
        var sectionsWanted = maxResults * options.SectionsPerResult;
        var termSet = queryTerms.ToHashSet(StringComparer.Ordinal);
        // Read once: the embeddings may arrive while this search runs.
        var denseSections = options.Retrieval == RetrievalMode.Lexical || embeddings is null ? null : sections.Dense;
        var lexical = options.Retrieval == RetrievalMode.Dense && denseSections is not null ? [] : LexicalRanking(queryTerms, termSet, sections, sectionsWanted);
        var dense = denseSections is null ? [] : await DenseRankingAsync(query, sections, denseSections, sectionsWanted, cancellationToken);

        return Fuse(BestPerLocation(lexical).ToList(), dense)
            .Take(maxResults)
            .Select(section => new SearchHit(section.Location, section.Title, section.Heading, section.Score,
                Snippets.Best(section.Body, termSet, options.SnippetCharacters), section.Heading is { } heading && sections.IsSharedHeading(heading)))
            .ToList();
    }

    /// <summary>Completes once the index is searchable (built or opened now if no search has yet); its embeddings may still be on their way.</summary>
    public Task WhenSearchableAsync(CancellationToken cancellationToken) => Index().WaitAsync(cancellationToken);

    /// <summary>
    /// The paragraphs repeated across the folder that the index left out of every document (a
    /// site's footer, a version banner: <see cref="RepeatedBlocks"/>), once the index is searchable
    /// (built or opened now if no search has yet), so that a reader of the folder leaves them out too.
    /// </summary>
    public async Task<IReadOnlySet<string>> RepeatedParagraphsAsync(CancellationToken cancellationToken)
    {
        await Index().WaitAsync(cancellationToken);
        return repeatedParagraphs;
    }

    /// <summary>
    /// Builds (or opens) the index now if no search has yet, and completes when it is whole: its
    /// passages embedded too (a host calls this at start-up so the first research does not wait;
    /// searches need not wait for it, they start as soon as the sections are searchable).
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        await Index().WaitAsync(cancellationToken);
        Task whole;
        lock (building) whole = completion!;
        await whole.WaitAsync(cancellationToken);
    }

    /// <summary>Stops an embedding in progress (what it embedded is kept) and closes the index.</summary>
    public void Dispose()
    {
        stopping.Cancel();
        lock (building)
        {
            if (index is { IsCompletedSuccessfully: true }) index.Result.Dispose();
        }
    }

    /// <summary>BM25 over the question's terms, expanded by pseudo-relevance feedback, then weighed by coverage; sections best first.</summary>
    private IReadOnlyList<IndexedSection> LexicalRanking(
        IReadOnlyList<string> queryTerms, IReadOnlySet<string> termSet, SectionIndex sections, int sectionsWanted)
    {
        var weighted = queryTerms.Select(term => new WeightedTerm(term, 1.0)).ToList();
        var ranked = sections.Search(SectionQuery.For(weighted, options), sectionsWanted);

        if (options.FeedbackSections > 0 && options.FeedbackTerms > 0 && ranked.Count > 0)
        {
            var feedback = BestPerLocation(ranked).Take(options.FeedbackSections).ToList();
            var expansion = RelevanceFeedback.ExpansionTerms(feedback.Select(s => $"{s.Heading}\n{s.Body}"), termSet,
                sections.InverseDocumentFrequency, options.FeedbackTerms, options.FeedbackWeight);
            if (expansion.Count > 0)
                ranked = sections.Search(SectionQuery.For(weighted.Concat(expansion), options), sectionsWanted);
        }
        return options.CoverageWeight > 0 ? ByCoverage(ranked, termSet, sections) : ranked;
    }

    /// <summary>The best section of each document by its passages' cosine similarity to the question, best first, down to <see cref="LocalSearchOptions.MinDenseSimilarity"/>.</summary>
    private async Task<IReadOnlyList<IndexedSection>> DenseRankingAsync(
        string query, SectionIndex sections, DenseSections dense, int sectionsWanted, CancellationToken cancellationToken)
    {
        var vector = (await embeddings!.GenerateAsync([query], cancellationToken: cancellationToken))[0].Vector;
        return dense.BestPerLocation(vector, sectionsWanted, sections.LocationOf)
            .TakeWhile(best => best.Similarity >= options.MinDenseSimilarity)
            .Select(best => sections.Section(best.Section, best.Similarity))
            .ToList();
    }

    /// <summary>
    /// One ranking of documents from the lexical and the dense one (each a document's best section,
    /// best first): either alone when the other is empty, else the <see cref="ConvexCombination"/> of
    /// their scores (<see cref="LocalSearchOptions.DenseWeight"/>; 0 for a document a ranking did not
    /// return), a document keeping the section of the ranking that added more to its score.
    /// </summary>
    private IEnumerable<IndexedSection> Fuse(IReadOnlyList<IndexedSection> lexical, IReadOnlyList<IndexedSection> dense)
    {
        if (dense.Count == 0) return lexical;
        if (lexical.Count == 0) return dense;
        var fused = new Dictionary<string, (IndexedSection Section, double Largest, double Score)>(StringComparer.Ordinal);
        foreach (var (ranking, weight) in new[] { (lexical, 1 - options.DenseWeight), (dense, options.DenseWeight) })
        {
            var (lowest, highest) = (ranking.Min(section => section.Score), ranking.Max(section => section.Score));
            foreach (var section in ranking)
            {
                var part = weight * ConvexCombination.Scaled(section.Score, lowest, highest);
                fused[section.Location] = fused.TryGetValue(section.Location, out var known)
                    ? (part > known.Largest ? section : known.Section, Math.Max(part, known.Largest), known.Score + part)
                    : (section, part, part);
            }
        }
        // Ties keep the lexical ranking's order (dictionary order is insertion order here: lexical first).
        return fused.Values.OrderByDescending(entry => entry.Score).Select(entry => entry.Section with { Score = entry.Score });
    }

    /// <summary>
    /// Ranks <paramref name="ranked"/> again with each score scaled by how much of the question the
    /// section covers (the idf-weighted share of the question's terms in its title, heading or body),
    /// so a section that matches one rare word of the question ("scratch") falls below one that
    /// matches most of it.
    /// </summary>
    private List<IndexedSection> ByCoverage(IReadOnlyList<IndexedSection> ranked, IReadOnlySet<string> questionTerms, SectionIndex sections)
    {
        var weights = questionTerms.ToDictionary(term => term, sections.InverseDocumentFrequency, StringComparer.Ordinal);
        var total = weights.Values.Sum();
        if (total <= 0) return ranked.ToList();
        return ranked
            .Select(section =>
            {
                var terms = ResearchAnalyzer.DistinctTerms($"{section.Title}\n{section.Heading}\n{section.Body}");
                var coverage = weights.Where(weight => terms.Contains(weight.Key)).Sum(weight => weight.Value) / total;
                return section with { Score = section.Score * (1 - options.CoverageWeight + options.CoverageWeight * coverage) };
            })
            .OrderByDescending(section => section.Score)
            .ToList();
    }

    /// <summary>
    /// The index, built by the first caller and shared by all; it completes as soon as its sections
    /// are searchable, and its embeddings join it when they are ready (<see cref="completion"/>). A
    /// build that failed (the folder was unreachable for a moment) is not kept: the next caller builds
    /// again. Built with the index's own token (cancelled only by <see cref="Dispose"/>), so one caller's cancellation does not fail it for the others.
    /// </summary>
    private Task<SectionIndex> Index()
    {
        lock (building)
        {
            if (index is null || index.IsFaulted)
            {
                var searchable = new TaskCompletionSource<SectionIndex>(TaskCreationOptions.RunContinuationsAsynchronously);
                index = searchable.Task;
                completion = Task.Run(() => OpenOrBuildAsync(searchable, stopping.Token));
            }
            return index;
        }
    }

    /// <summary>The first (best-ranked) section of each location, in rank order.</summary>
    private static IEnumerable<IndexedSection> BestPerLocation(IEnumerable<IndexedSection> ranked) =>
        ranked.DistinctBy(section => section.Location, StringComparer.Ordinal);

    /// <summary>What the built index depends on beside the files: a different value rebuilds it.</summary>
    private string Settings() =>
        $"parsers {DocumentParsers.OutputVersion}; copies {options.DuplicateDocumentSimilarity}; " +
        $"repeated {RepeatedBlocks.MinDocumentShare} of {RepeatedBlocks.MinDocuments}; passages {passageCharacters}; model {embeddings?.ModelId ?? "none"}";

    /// <summary>
    /// Opens the stored index or builds it, hands it to <paramref name="searchable"/> as soon as its
    /// sections can be searched, then embeds the passages that lack a vector and adds the embeddings to
    /// it. A failure before it is searchable fails the index (the next search tries again); a failure
    /// while embedding leaves it searching with BM25 alone, with a warning, until the next process.
    /// </summary>
    private async Task OpenOrBuildAsync(TaskCompletionSource<SectionIndex> searchable, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        OpenedIndex opened;
        bool reused;
        try
        {
            (opened, reused) = await OpenOrBuildSectionsAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            Progress = new IndexProgress(IndexPhase.NotStarted, 0, 0);
            searchable.SetException(ex);
            return;
        }
        var (sections, repeated, unembedded) = opened;
        repeatedParagraphs = repeated;
        if (unembedded is null)
        {
            // Logged before it is handed out, so whoever searches it finds the log written.
            Ready(sections, stopwatch, reused);
            searchable.SetResult(sections);
            return;
        }
        Progress = new IndexProgress(IndexPhase.Embedding, 0, unembedded.Count);
        logger.LogInformation("The index of {Folder} is searchable with BM25 while its passages are embedded.", folder.Root);
        searchable.SetResult(sections);
        try
        {
            sections.Dense = await EmbedAsync(unembedded, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed while embedding: what was embedded is kept for the next process.
            return;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The passages of {Folder} could not be embedded; its searches rank with BM25 alone until the next start.", folder.Root);
        }
        Ready(sections, stopwatch, reused);
    }

    /// <summary>
    /// The searchable index: the stored snapshot opened when it matches the files, else a new one
    /// built (under the folder's build lock, published before any embedding starts); and whether it
    /// was opened.
    /// </summary>
    private async Task<(OpenedIndex Index, bool Reused)> OpenOrBuildSectionsAsync(CancellationToken cancellationToken)
    {
        Progress = new IndexProgress(IndexPhase.Checking, 0, 0);
        var locations = folder.ListLocations(out var truncated);
        if (truncated)
            logger.LogWarning("The documents folder {Folder} holds more than {MaxFiles} documents; only the first {MaxFiles} (in path order) are searched (Research:Documents:MaxFiles).",
                folder.Root, locations.Count, locations.Count);
        var stamps = locations.Select(location => (Location: location, Stamp: folder.Stamp(location))).ToList();
        var settings = Settings();

        if (store is null) return (await BuildAsync(stamps, settings, previous: null, cancellationToken), false);
        if (TryOpen(store.ReadCurrent(), settings, stamps) is { } unchanged) return (unchanged, true);
        using (await store.LockAsync(IndexLock.Build, logger, cancellationToken))
        {
            // Another process may have built it while this one waited for the lock.
            var current = store.ReadCurrent();
            if (TryOpen(current, settings, stamps) is { } builtMeanwhile) return (builtMeanwhile, true);
            return (await BuildAsync(stamps, settings, current is not null && current.Settings == settings ? current : null, cancellationToken), false);
        }
    }

    private void Ready(SectionIndex built, Stopwatch stopwatch, bool reused)
    {
        Progress = new IndexProgress(IndexPhase.Ready, built.SectionCount, built.SectionCount);
        logger.LogInformation("{How} the index of {Folder} ({SectionCount} sections, {PassageCount} passages embedded) in {ElapsedMs} ms{Where}.",
            reused ? "Opened" : "Built", folder.Root, built.SectionCount, built.Dense?.PassageCount ?? 0, stopwatch.ElapsedMilliseconds,
            store is null ? "" : $" ({store.Path})");
    }

    /// <summary>
    /// The snapshot <paramref name="manifest"/> describes, opened, when it was built with these
    /// settings from exactly these files (same locations, sizes and write times), with its embeddings
    /// when the vector file holds every passage's, else with the passages still to embed (a build
    /// stopped while embedding, or another process embedding them now); null when it must be rebuilt,
    /// or cannot be opened (a damaged snapshot is rebuilt, never an error).
    /// </summary>
    private OpenedIndex? TryOpen(
        IndexManifest? manifest, string settings, IReadOnlyList<(string Location, FileStamp? Stamp)> stamps)
    {
        if (store is null || manifest is null || manifest.Settings != settings || manifest.Files.Count != stamps.Count) return null;
        for (var i = 0; i < stamps.Count; i++)
        {
            var (file, (location, stamp)) = (manifest.Files[i], stamps[i]);
            if (file.Location != location || stamp is null || file.Length != stamp.Value.Length || file.LastWriteTicks != stamp.Value.LastWriteTicks)
                return null;
        }
        try
        {
            var repeated = manifest.RepeatedParagraphs.ToHashSet(StringComparer.Ordinal);
            if (embeddings is null) return new OpenedIndex(SectionIndex.Open(store.LuceneFolder(manifest.Snapshot), dense: null), repeated, null);
            var passages = store.ReadPassages(manifest.Snapshot);
            var vectors = new VectorFile(store.VectorFilePath(embeddings.ModelId), embeddings.ModelId).Read(out _);
            if (passages.All(passage => vectors.ContainsKey(passage.Key)))
                return new OpenedIndex(SectionIndex.Open(store.LuceneFolder(manifest.Snapshot), Dense(passages, vectors)), repeated, null);
            // The passages' texts come from the parsed documents, cut again as the build cut them.
            if (SnapshotPassages(manifest) is not { } texts || !texts.Select(p => p.Key).SequenceEqual(passages.Select(p => p.Key)))
                return null;
            return new OpenedIndex(SectionIndex.Open(store.LuceneFolder(manifest.Snapshot), dense: null), repeated, texts);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever is wrong with a stored index (a file damaged, cut short or of another version),
            // building it again is the answer: it is a cache of the folder, never the only copy.
            logger.LogWarning("The index in {IndexFolder} cannot be opened ({Reason}); it is built again.", store.Path, ex.Message);
            return null;
        }
    }

    /// <summary>The passages of the snapshot <paramref name="manifest"/> describes, from its files' parsed forms; null when one is no longer cached.</summary>
    private List<PassageText>? SnapshotPassages(IndexManifest manifest)
    {
        var documents = new List<SourceDocument>(manifest.Files.Count);
        foreach (var file in manifest.Files)
        {
            if (file.ParsedKey is null) continue;
            if (store!.ReadParsed(file.ParsedKey) is not { } document) return null;
            documents.Add(document);
        }
        return Passages(Indexable(documents, onCopy: null).Documents);
    }

    /// <summary>
    /// What the index holds of the folder's <paramref name="parsed"/> documents: the copies of
    /// another left out (<see cref="DuplicateDocuments"/>); then, of the rest, the pages of links
    /// (<see cref="SourceDocument.IsNavigation"/>) left out, and the paragraphs on a large share of
    /// them (<see cref="RepeatedBlocks"/>, found over all of them, pages of links included) left out
    /// of each. So no entry of a table of contents and no footer is ever a hit, a quoted sentence or
    /// a sub-question's topic.
    /// </summary>
    private IndexedDocuments Indexable(IReadOnlyList<SourceDocument> parsed, Action<SourceDocument, SourceDocument>? onCopy)
    {
        var distinct = DuplicateDocuments.WithoutCopies(parsed, options.DuplicateDocumentSimilarity, onCopy ?? ((_, _) => { })).ToList();
        var repeated = RepeatedBlocks.Find(distinct);
        var paragraphs = repeated.Select(found => found.Paragraph).ToHashSet(StringComparer.Ordinal);
        var documents = distinct
            .Where(document => !document.IsNavigation)
            .Select(document => RepeatedBlocks.Without(document, paragraphs))
            .ToList();
        return new IndexedDocuments(documents, repeated, distinct.Count - documents.Count);
    }

    /// <summary>The dense passages, each vector also remembered by the embedding cache so the passage selector finds it.</summary>
    private DenseSections Dense(IReadOnlyList<IndexedPassage> passages, IReadOnlyDictionary<UInt128, float[]> vectors)
    {
        foreach (var passage in passages) embeddings!.Remember(passage.Key, vectors[passage.Key]);
        return new DenseSections(passages.Select(p => (ReadOnlyMemory<float>)vectors[p.Key]).ToList(), passages.Select(p => p.Section).ToList());
    }

    /// <summary>
    /// Builds the index from the files of <paramref name="stamps"/>: each file parsed, or taken from
    /// the parse cache when <paramref name="previous"/> saw it with the same stamp or its bytes are
    /// cached; copies, pages of links and repeated paragraphs dropped (<see cref="Indexable"/>); then
    /// the Lucene index and, with a store, the snapshot published. Returns it with its passages, which
    /// <see cref="EmbedAsync"/> embeds next (null without a model).
    /// </summary>
    private async Task<OpenedIndex> BuildAsync(
        IReadOnlyList<(string Location, FileStamp? Stamp)> stamps, string settings, IndexManifest? previous, CancellationToken cancellationToken)
    {
        var seen = previous?.Files.ToDictionary(f => f.Location, StringComparer.Ordinal) ?? [];
        var read = new SourceDocument?[stamps.Count];
        var files = new IndexedFile[stamps.Count];
        var parsed = 0;
        var progress = new ProgressLog(logger, folder.Root);
        Progress = new IndexProgress(IndexPhase.Reading, 0, stamps.Count);

        // Files are read and parsed on every core; the index keeps path order whatever order they finish in.
        await Parallel.ForEachAsync(Enumerable.Range(0, stamps.Count), cancellationToken, async (position, token) =>
        {
            var (location, stamp) = stamps[position];
            (read[position], files[position]) = await ReadAsync(location, stamp, seen.GetValueOrDefault(location), token);
            Progress = new IndexProgress(IndexPhase.Reading, Interlocked.Increment(ref parsed), stamps.Count);
            progress.Report(Progress);
        });

        var copies = 0;
        var indexable = Indexable(read.OfType<SourceDocument>().ToList(), (copy, original) =>
        {
            copies++;
            logger.LogDebug("Skipped {Location} while indexing {Folder}: a copy of {Original}.", copy.Location, folder.Root, original.Location);
        });
        var documents = indexable.Documents;
        var repeated = indexable.Repeated.Select(found => found.Paragraph).ToList();

        // Passages are cut and hashed only for the embeddings: without a model, sections are the whole index.
        var passages = embeddings is null ? null : Passages(documents);
        Progress = new IndexProgress(IndexPhase.Writing, 0, 1);
        SectionIndex built;
        if (store is null)
        {
            built = SectionIndex.Build(documents);
        }
        else
        {
            var snapshot = IndexFolder.NewSnapshotName();
            built = SectionIndex.Build(documents, store.LuceneFolder(snapshot));
            var indexed = passages?.Select(p => new IndexedPassage(p.Section, p.Key)).ToList() ?? [];
            store.Publish(new IndexManifest(IndexFolder.Format, settings, snapshot, files, documents.Count, built.SectionCount, indexed.Count,
                embeddings?.ModelId, repeated), indexed);
            if (removeMissingFolders && store.RemoveIndexesOfMissingFolders() is > 0 and var removed)
                logger.LogInformation("Deleted {Count} indexes of documents folders that no longer exist (Research:Index:RemoveMissingFolders).", removed);
        }
        LogBuilt(built, indexable, copies);
        return new OpenedIndex(built, repeated.ToHashSet(StringComparer.Ordinal), passages);
    }

    private void LogBuilt(SectionIndex built, IndexedDocuments indexable, int copies)
    {
        logger.LogInformation(
            "Indexed {DocumentCount} documents ({SectionCount} sections) from {Folder}; {CopyCount} copies of other documents and {NavigationCount} pages of links skipped, " +
            "{RepeatedCount} paragraphs repeated on at least {MinShare:P0} of the documents left out.",
            indexable.Documents.Count, built.SectionCount, folder.Root, copies, indexable.Navigation, indexable.Repeated.Count, RepeatedBlocks.MinDocumentShare);
        foreach (var (paragraph, count) in indexable.Repeated)
            logger.LogDebug("Left out of {Folder}'s index, on {Count} documents: {Paragraph}", folder.Root, count, paragraph);
    }

    /// <summary>One file's parsed document (null when it cannot be read, with a warning) and its entry in the manifest.</summary>
    private async Task<(SourceDocument?, IndexedFile)> ReadAsync(string location, FileStamp? stamp, IndexedFile? seenBefore, CancellationToken cancellationToken)
    {
        var entry = new IndexedFile(location, stamp?.Length ?? -1, stamp?.LastWriteTicks ?? -1, null);
        if (store is not null && seenBefore is { ParsedKey: { } knownKey } && stamp is { } now
            && seenBefore.Length == now.Length && seenBefore.LastWriteTicks == now.LastWriteTicks
            && store.ReadParsed(knownKey) is { } unchanged)
            return (unchanged, entry with { ParsedKey = knownKey });
        try
        {
            var file = await folder.ReadFileAsync(location, cancellationToken);
            if (store is null) return (file.Parse(), entry);
            var key = IndexFolder.ParsedKey(file);
            var document = store.ReadParsed(key);
            if (document is null)
            {
                document = file.Parse();
                store.WriteParsed(key, document);
            }
            return (document, entry with { ParsedKey = key });
        }
        catch (Exception ex) when (ex is SourceUnreadableException or IOException)
        {
            logger.LogWarning("Skipped {Location} while indexing {Folder}: {Reason}", location, folder.Root,
                ex is SourceUnreadableException unreadable ? unreadable.Reason : ex.Message);
            return (null, entry);
        }
    }

    /// <summary>Every passage of every section, as the passage selector cuts them, with its section's id (the order sections are indexed in).</summary>
    private List<PassageText> Passages(IReadOnlyList<SourceDocument> documents)
    {
        var passages = new List<PassageText>();
        var section = 0;
        foreach (var document in documents)
        {
            foreach (var part in document.Sections)
            {
                foreach (var passage in PassageChunker.Chunk(document with { Sections = [part] }, passageCharacters))
                    passages.Add(new PassageText(section, TextKey.Of(passage.Text), passage.Text));
                section++;
            }
        }
        return passages;
    }

    /// <summary>
    /// The passages' vectors: those the vector file holds are read, the others embedded in batches
    /// and appended to it as they come (a build that stops keeps them), with progress logged. With a
    /// store, under its embedding lock: a process that finds another embedding waits, then reads its vectors.
    /// </summary>
    private async Task<DenseSections> EmbedAsync(IReadOnlyList<PassageText> passages, CancellationToken cancellationToken)
    {
        using var embedding = store is null ? null : await store.LockAsync(IndexLock.Embedding, logger, cancellationToken);
        var model = embeddings!;
        var progress = new ProgressLog(logger, folder.Root);
        var file = store is null ? null : new VectorFile(store.VectorFilePath(model.ModelId), model.ModelId);
        long validLength = 0;
        var vectors = file?.Read(out validLength) ?? [];
        var referenced = passages.Select(p => p.Key).ToHashSet();
        var missing = passages.Where(p => !vectors.ContainsKey(p.Key)).DistinctBy(p => p.Key).ToList();
        Progress = new IndexProgress(IndexPhase.Embedding, 0, missing.Count);
        if (missing.Count > 0)
            logger.LogInformation("Embedding {Missing} passages of {Folder} with {Model}; {Known} of its {Distinct} distinct passages are embedded already.",
                missing.Count, folder.Root, model.ModelId, referenced.Count - missing.Count, referenced.Count);

        VectorFile.Appender? appender = null;
        try
        {
            var done = 0;
            foreach (var batch in missing.Chunk(EmbeddingBatch))
            {
                // Background work: a research's questions and passages take the model first.
                var generated = await model.GenerateAsync(batch.Select(p => p.Text), MiniLmEmbeddingGenerator.Background, cancellationToken);
                for (var i = 0; i < batch.Length; i++)
                {
                    var vector = generated[i].Vector.ToArray();
                    vectors[batch[i].Key] = vector;
                    if (file is not null)
                    {
                        appender ??= file.OpenForAppend(validLength, vector.Length);
                        appender.Append(batch[i].Key, vector);
                    }
                }
                appender?.Flush();
                done += batch.Length;
                Progress = new IndexProgress(IndexPhase.Embedding, done, missing.Count);
                progress.Report(Progress);
            }
        }
        finally
        {
            appender?.Dispose();
        }

        if (file is not null && vectors.Count > 2 * referenced.Count)
            file.Rewrite(vectors.Where(pair => referenced.Contains(pair.Key)), vectors.First().Value.Length);
        return Dense(passages.Select(p => new IndexedPassage(p.Section, p.Key)).ToList(), vectors);
    }

    /// <summary>
    /// An index as opened or built: its sections, the paragraphs left out of them as the folder's
    /// boilerplate (<see cref="RepeatedBlocks"/>), and the passages still to embed (null when none are,
    /// or there is no model).
    /// </summary>
    private sealed record OpenedIndex(SectionIndex Sections, IReadOnlySet<string> RepeatedParagraphs, IReadOnlyList<PassageText>? Unembedded);

    /// <summary>
    /// The documents an index holds, in the folder's order (<see cref="Indexable"/>); the paragraphs
    /// left out of them as repeated, most repeated first, each with the number of documents it was
    /// on; and how many pages of links were left out.
    /// </summary>
    private sealed record IndexedDocuments(List<SourceDocument> Documents, IReadOnlyList<(string Paragraph, int Documents)> Repeated, int Navigation);

    /// <summary>Logs a build's progress at most every <see cref="ProgressInterval"/>, with its rate and the time it still needs.</summary>
    private sealed class ProgressLog(ILogger logger, string folder)
    {
        private readonly Stopwatch sincePhase = Stopwatch.StartNew();
        private readonly Lock gate = new();
        private TimeSpan lastReport;
        private IndexPhase phase;

        public void Report(IndexProgress progress)
        {
            lock (gate)
            {
                if (progress.Phase != phase)
                {
                    phase = progress.Phase;
                    sincePhase.Restart();
                    lastReport = TimeSpan.Zero;
                }
                var elapsed = sincePhase.Elapsed;
                if (elapsed - lastReport < ProgressInterval || progress.Done == 0) return;
                lastReport = elapsed;
                var rate = progress.Done / elapsed.TotalSeconds;
                logger.LogInformation("Indexing {Folder}: {Phase} {Done}/{Total} ({Rate:F0}/s, about {Remaining:F0} s left).",
                    folder, progress.Phase.ToString().ToLowerInvariant(), progress.Done, progress.Total, rate, (progress.Total - progress.Done) / rate);
            }
        }
    }
}

/// <summary>The phases of building the document index.</summary>
public enum IndexPhase
{
    NotStarted,

    /// <summary>Listing the files and comparing them with the index on disk.</summary>
    Checking,

    /// <summary>Reading and parsing the files added or changed (Done/Total are files).</summary>
    Reading,

    /// <summary>Embedding the passages the vector file lacks (Done/Total are passages).</summary>
    Embedding,

    /// <summary>Writing the search index.</summary>
    Writing,

    Ready,
}

/// <summary>Where the index's build is: its phase and how much of that phase is done.</summary>
public sealed record IndexProgress(IndexPhase Phase, int Done, int Total)
{
    /// <summary>True in the phases an index is searched in (while its passages are embedded, with BM25 alone).</summary>
    public bool IsSearchable => Phase is IndexPhase.Embedding or IndexPhase.Ready;
}

/// <summary>A passage to embed: its section (Lucene document id), the key of its text in the vector file, and the text.</summary>
internal readonly record struct PassageText(int Section, UInt128 Key, string Text);
