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
/// An in-memory Lucene index with one entry per document section: the document's title, the
/// section's heading and body (analysed by <see cref="ResearchAnalyzer"/>) and the document's
/// location. Ranked with BM25. Read-only once built, and safe to search from many threads.
/// </summary>
internal sealed class SectionIndex : IDisposable
{
    public const string TitleField = "title";
    public const string HeadingField = "heading";
    public const string BodyField = "body";
    private const string LocationField = "location";

    private readonly RAMDirectory directory;
    private readonly DirectoryReader reader;
    private readonly IndexSearcher searcher;

    private SectionIndex(RAMDirectory directory)
    {
        this.directory = directory;
        reader = DirectoryReader.Open(directory);
        searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>Sections in the index.</summary>
    public int SectionCount => reader.NumDocs;

    /// <summary>Indexes every section of <paramref name="documents"/>, in the order given (which breaks score ties).</summary>
    public static SectionIndex Build(IEnumerable<SourceDocument> documents)
    {
        var directory = new RAMDirectory();
        var config = new IndexWriterConfig(ResearchAnalyzer.Version, ResearchAnalyzer.Instance)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
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
            writer.Commit();
        }
        return new SectionIndex(directory);
    }

    /// <summary>The best <paramref name="count"/> sections for <paramref name="query"/>, best first.</summary>
    public IReadOnlyList<IndexedSection> Search(Query query, int count)
    {
        var top = searcher.Search(query, Math.Max(count, 1));
        return top.ScoreDocs.Select(hit =>
        {
            var stored = searcher.Doc(hit.Doc);
            var heading = stored.Get(HeadingField);
            return new IndexedSection(stored.Get(LocationField), stored.Get(TitleField),
                string.IsNullOrEmpty(heading) ? null : heading, stored.Get(BodyField), hit.Score);
        }).ToList();
    }

    /// <summary>A smoothed inverse document frequency of an analysed term in section bodies (higher is rarer).</summary>
    public double InverseDocumentFrequency(string term) =>
        Math.Log(1 + (SectionCount + 1.0) / (reader.DocFreq(new Term(BodyField, term)) + 1.0));

    public void Dispose()
    {
        reader.Dispose();
        directory.Dispose();
    }
}
