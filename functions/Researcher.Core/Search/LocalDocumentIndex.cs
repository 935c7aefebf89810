using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Researcher.Core.Reading;
using Researcher.Core.Text;

namespace Researcher.Core.Search;

/// <summary>
/// Searches the documents folder. The index (one entry per section, see <see cref="SectionIndex"/>)
/// is built on the first search, once per process (again after a failed build), from the same
/// parsers the reader uses; files that cannot be read are skipped with a warning, and documents
/// that repeat another are left out (<see cref="DuplicateDocuments"/>). A search ranks sections
/// for the question's terms, expands the query with the strongest terms of the best sections
/// (pseudo-relevance feedback) and ranks again, orders the result by how much of the question each
/// section covers, and returns the best section of each document. Thread-safe.
/// </summary>
public sealed class LocalDocumentIndex : ISearchProvider, IDisposable
{
    private readonly LocalDocumentFolder folder;
    private readonly LocalSearchOptions options;
    private readonly ILogger<LocalDocumentIndex> logger;
    private readonly Lock building = new();
    private Task<SectionIndex>? index;

    public LocalDocumentIndex(LocalDocumentFolder folder, IOptions<LocalSearchOptions> options, ILogger<LocalDocumentIndex> logger)
    {
        this.folder = folder;
        this.options = options.Value;
        this.logger = logger;
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken)
    {
        var queryTerms = ResearchAnalyzer.Terms(query).Distinct(StringComparer.Ordinal).Take(options.MaxQueryTerms).ToList();
        if (queryTerms.Count == 0 || maxResults <= 0) return [];

        var sections = await Index().WaitAsync(cancellationToken);
        var sectionsWanted = maxResults * options.SectionsPerResult;
        var weighted = queryTerms.Select(term => new WeightedTerm(term, 1.0)).ToList();
        var ranked = sections.Search(SectionQuery.For(weighted, options), sectionsWanted);

        if (options.FeedbackSections > 0 && options.FeedbackTerms > 0 && ranked.Count > 0)
        {
            var feedback = BestPerLocation(ranked).Take(options.FeedbackSections).ToList();
            var expansion = RelevanceFeedback.ExpansionTerms(feedback, queryTerms.ToHashSet(StringComparer.Ordinal), sections, options);
            if (expansion.Count > 0)
                ranked = sections.Search(SectionQuery.For(weighted.Concat(expansion), options), sectionsWanted);
        }

        var termSet = queryTerms.ToHashSet(StringComparer.Ordinal);
        if (options.CoverageWeight > 0) ranked = ByCoverage(ranked, termSet, sections);
        return BestPerLocation(ranked)
            .Take(maxResults)
            .Select(section => new SearchHit(section.Location, section.Title, section.Heading, section.Score,
                Snippets.Best(section.Body, termSet, options.SnippetCharacters)))
            .ToList();
    }

    /// <summary>Builds the index now if no search has yet (a host calls this at start-up so the first research does not wait).</summary>
    public Task WarmUpAsync(CancellationToken cancellationToken) => Index().WaitAsync(cancellationToken);

    public void Dispose()
    {
        lock (building)
        {
            if (index is { IsCompletedSuccessfully: true }) index.Result.Dispose();
        }
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
    /// The index, built by the first caller and shared by all. A build that failed (the folder was
    /// unreachable for a moment) is not kept: the next caller builds again. Built without any
    /// caller's token, so one caller's cancellation does not fail it for the others.
    /// </summary>
    private Task<SectionIndex> Index()
    {
        lock (building)
        {
            if (index is null || index.IsFaulted) index = BuildAsync(CancellationToken.None);
            return index;
        }
    }

    /// <summary>The first (best-ranked) section of each location, in rank order.</summary>
    private static IEnumerable<IndexedSection> BestPerLocation(IEnumerable<IndexedSection> ranked) =>
        ranked.DistinctBy(section => section.Location, StringComparer.Ordinal);

    private async Task<SectionIndex> BuildAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var locations = folder.ListLocations(out var truncated);
        if (truncated)
            logger.LogWarning("The documents folder {Folder} holds more than {MaxFiles} documents; only the first {MaxFiles} (in path order) are searched (Research:Documents:MaxFiles).",
                folder.Root, locations.Count, locations.Count);

        // Files are read and parsed on every core; the index keeps path order whatever order they finish in.
        var read = new SourceDocument?[locations.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, locations.Count), cancellationToken, async (position, token) =>
        {
            try
            {
                read[position] = await folder.ReadAsync(locations[position], token);
            }
            catch (Exception ex) when (ex is SourceUnreadableException or IOException)
            {
                logger.LogWarning("Skipped {Location} while indexing {Folder}: {Reason}", locations[position], folder.Root,
                    ex is SourceUnreadableException unreadable ? unreadable.Reason : ex.Message);
            }
        });
        var documents = read.OfType<SourceDocument>().ToList();

        var copies = 0;
        var distinct = DuplicateDocuments.WithoutCopies(documents, options.DuplicateDocumentSimilarity, (copy, original) =>
        {
            copies++;
            logger.LogDebug("Skipped {Location} while indexing {Folder}: a copy of {Original}.", copy.Location, folder.Root, original.Location);
        });
        var built = SectionIndex.Build(distinct);
        logger.LogInformation("Indexed {DocumentCount} documents ({SectionCount} sections) from {Folder} in {ElapsedMs} ms; {CopyCount} copies of other documents skipped.",
            distinct.Count, built.SectionCount, folder.Root, stopwatch.ElapsedMilliseconds, copies);
        return built;
    }
}
