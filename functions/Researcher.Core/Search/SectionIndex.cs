using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Researcher.Core.Reading;
using Researcher.Core.Text;

namespace Researcher.Core.Search;

/// <summary>A section as the index stores it.</summary>
internal sealed record IndexedSection(string Location, string Title, string? Heading, string Body, double Score);

/// <summary>
/// A Lucene index with one entry per document section: the document's title, the section's heading
/// and body (analysed by <see cref="ResearchAnalyzer"/>) and the document's location, in memory or
/// in a folder on disk. Ranked with BM25. The sections' ids are their order of addition (one
/// segment, merged only with its neighbours), which the dense passages refer to; see
/// <see cref="Dense"/>. Read-only once built, and safe to search from many threads.
/// </summary>
internal sealed class SectionIndex : IDisposable
{
    public const string TitleField = "title";
    public const string HeadingField = "heading";
    public const string BodyField = "body";
    private const string LocationField = "location";

    private static readonly ISet<string> LocationOnly = new HashSet<string> { LocationField };
    private static readonly ISet<string> LocationAndHeading = new HashSet<string> { LocationField, HeadingField };

    private readonly Lucene.Net.Store.Directory directory;
    private readonly DirectoryReader reader;
    private readonly IndexSearcher searcher;
    private readonly Lazy<string[]> locations;
    private readonly Lazy<HashSet<string>> sharedHeadings;
    private DenseSections? dense;

    private SectionIndex(Lucene.Net.Store.Directory directory)
    {
        this.directory = directory;
        reader = DirectoryReader.Open(directory);
        searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        // Read only by dense retrieval, so an index without embeddings never loads them.
        locations = new Lazy<string[]>(() =>
            Enumerable.Range(0, reader.MaxDoc).Select(id => reader.Document(id, LocationOnly).Get(LocationField)).ToArray());
        sharedHeadings = new Lazy<HashSet<string>>(SharedHeadings);
    }

    /// <summary>Sections in the index.</summary>
    public int SectionCount => reader.NumDocs;

    /// <summary>
    /// The passages' embeddings, when the index has an embedding model and they are ready: set once,
    /// after the sections are searchable, when the passages have been embedded.
    /// </summary>
    public DenseSections? Dense
    {
        get => Volatile.Read(ref dense);
        set => Volatile.Write(ref dense, value);
    }

    /// <summary>The location of the section with <paramref name="id"/>.</summary>
    public string LocationOf(int id) => locations.Value[id];

    /// <summary>The section with <paramref name="id"/>, with <paramref name="score"/>.</summary>
    public IndexedSection Section(int id, double score)
    {
        var stored = searcher.Doc(id);
        var heading = stored.Get(HeadingField);
        return new IndexedSection(stored.Get(LocationField), stored.Get(TitleField),
            string.IsNullOrEmpty(heading) ? null : heading, stored.Get(BodyField), score);
    }

    /// <summary>Opens an index built into <paramref name="folder"/> by <see cref="Build"/>.</summary>
    public static SectionIndex Open(string folder, DenseSections? dense) =>
        new(FSDirectory.Open(folder)) { Dense = dense };

    /// <summary>
    /// Indexes every section of <paramref name="documents"/>, in the order given (which breaks score
    /// ties and numbers the sections), in memory or, with <paramref name="folder"/>, on disk.
    /// </summary>
    public static SectionIndex Build(IEnumerable<SourceDocument> documents, string? folder = null)
    {
        Lucene.Net.Store.Directory directory = folder is null ? new RAMDirectory() : FSDirectory.Open(folder);
        var config = new IndexWriterConfig(ResearchAnalyzer.Version, ResearchAnalyzer.Instance)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
            // Merging only adjacent segments keeps document ids in the order of addition.
            MergePolicy = new LogByteSizeMergePolicy(),
        };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var document in documents)
            {
                foreach (var section in document.Sections)
                {
                    writer.AddDocument(new Document
                    {
                        new StringField(LocationField, document.Location, Field.Store.YES),
                        new TextField(TitleField, document.Title, Field.Store.YES),
                        new TextField(HeadingField, section.Heading ?? "", Field.Store.YES),
                        new TextField(BodyField, string.Join('\n', section.Paragraphs), Field.Store.YES),
                    });
                }
            }
            writer.ForceMerge(1);
            writer.Commit();
        }
        return new SectionIndex(directory);
    }

    /// <summary>The best <paramref name="count"/> sections for <paramref name="query"/>, best first.</summary>
    public IReadOnlyList<IndexedSection> Search(Query query, int count)
    {
        var top = searcher.Search(query, Math.Max(count, 1));
        return top.ScoreDocs.Select(hit => Section(hit.Doc, hit.Score)).ToList();
    }

    /// <summary>
    /// Whether sections of more than one document have <paramref name="heading"/> (white space and
    /// case aside): "Examples" or "Introduction" then names no topic without its document.
    /// </summary>
    public bool IsSharedHeading(string heading) => sharedHeadings.Value.Contains(HeadingKey(heading));

    private HashSet<string> SharedHeadings()
    {
        var locationsByHeading = new Dictionary<string, string>(StringComparer.Ordinal);
        var shared = new HashSet<string>(StringComparer.Ordinal);
        for (var id = 0; id < reader.MaxDoc; id++)
        {
            var stored = reader.Document(id, LocationAndHeading);
            var heading = HeadingKey(stored.Get(HeadingField) ?? "");
            if (heading.Length == 0) continue;
            var location = stored.Get(LocationField);
            if (!locationsByHeading.TryAdd(heading, location) && locationsByHeading[heading] != location) shared.Add(heading);
        }
        return shared;
    }

    private static string HeadingKey(string heading) => PlainText.CollapseWhitespace(heading).ToLowerInvariant();

    /// <summary>A smoothed inverse document frequency of an analysed term in section bodies (higher is rarer).</summary>
    public double InverseDocumentFrequency(string term) =>
        Math.Log(1 + (SectionCount + 1.0) / (reader.DocFreq(new Term(BodyField, term)) + 1.0));

    public void Dispose()
    {
        reader.Dispose();
        directory.Dispose();
    }
}
