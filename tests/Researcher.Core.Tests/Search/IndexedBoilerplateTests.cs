using Microsoft.Extensions.Options;
using Researcher.Core.Reading;
using Researcher.Core.Search;
using Researcher.Core.Tests.Reading;

namespace Researcher.Core.Tests.Search;

/// <summary>
/// What the index leaves out of a folder beside copies: pages of links (a table of contents) and the
/// paragraphs repeated on a large share of its documents (a site's footer), whether the index is
/// built or opened from disk, and the reader of the folder leaves out the same paragraphs.
/// </summary>
public sealed class IndexedBoilerplateTests : IDisposable
{
    private const string Footer = "Found a mistake in this page? Write to the harbour office.";

    private readonly DocumentFolderFixture documents = new();
    private readonly DirectoryInfo indexes = Directory.CreateTempSubdirectory("researcher-indexes-");

    public void Dispose()
    {
        documents.Dispose();
        indexes.Delete(recursive: true);
    }

    private (LocalDocumentIndex Index, RecordingLogger<LocalDocumentIndex> Log) Index(bool persist = true)
    {
        var log = new RecordingLogger<LocalDocumentIndex>();
        var index = new LocalDocumentIndex(documents.Folder(), Options.Create(new LocalSearchOptions()), log,
            new DocumentIndexOptions { Path = indexes.FullName, Persist = persist });
        return (index, log);
    }

    private static async Task<IReadOnlyList<SearchHit>> Search(LocalDocumentIndex index, string query) =>
        await index.SearchAsync(query, 10, CancellationToken.None);

    /// <summary>
    /// <see cref="RepeatedBlocks.MinDocuments"/> pages, each on its own mooring (three made-up words
    /// of its own, so none is a copy of another) and each ending with <see cref="Footer"/>.
    /// </summary>
    private void WritePagesWithFooter()
    {
        for (var i = 0; i < RepeatedBlocks.MinDocuments; i++)
            documents.Write($"mooring{i:D2}.md", $"# Mooring {Word(3 * i)}\n\nThe {Word(3 * i + 1)} boats moor at the {Word(3 * i + 2)} quay.\n\n{Footer}\n");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_page_of_links_is_never_a_hit_while_the_pages_it_links_to_are(bool persist)
    {
        var entries = string.Concat(Enumerable.Range(1, 30).Select(i => $"<li><a href=\"tides{i}.html\">Tide table of the lighthouse quay {i}</a></li>"));
        documents
            .Write("contents.html", $"<html><head><title>Contents</title></head><body><h1>Contents</h1><ul>{entries}</ul></body></html>")
            .Write("tides.md", "# Tides\n\nThe tide table of the lighthouse quay is posted at the harbour office every morning.\n");
        var (index, log) = Index(persist);
        using (index)
            Assert.Equal(["tides.md"], (await Search(index, "lighthouse quay tide table")).Select(hit => hit.Location));

        Assert.Contains(log.Entries, e => e.Message.StartsWith("Indexed 1 documents", StringComparison.Ordinal) && e.Message.Contains("1 pages of links", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_footer_on_every_page_is_never_searched_nor_read_whether_the_index_is_built_or_opened_from_disk()
    {
        WritePagesWithFooter();
        var (built, builtLog) = Index();
        using (built)
        {
            Assert.Empty(await Search(built, "mistake harbour office"));
            Assert.Equal("mooring07.md", (await Search(built, Word(22)))[0].Location);
            Assert.Equal([Footer], await built.RepeatedParagraphsAsync(CancellationToken.None));
        }
        Assert.Contains(builtLog.Entries, e => e.Message.StartsWith("Indexed", StringComparison.Ordinal) && e.Message.Contains("1 paragraphs repeated", StringComparison.Ordinal));

        var (opened, openedLog) = Index();
        using (opened)
        {
            Assert.Empty(await Search(opened, "mistake harbour office"));
            var read = await new LocalDocumentReader(documents.Folder(), opened).ReadAsync("mooring07.md", CancellationToken.None);
            Assert.Equal([$"The {Word(22)} boats moor at the {Word(23)} quay."], read.Sections.SelectMany(section => section.Paragraphs));
        }
        Assert.Contains(openedLog.Entries, e => e.Message.StartsWith("Opened the index", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_paragraph_on_a_few_pages_only_is_kept_and_a_reader_without_the_index_reads_every_paragraph()
    {
        WritePagesWithFooter();
        // On 2 of 21 pages: under a third of them, so it is text, not boilerplate.
        documents.Write("mooring00.md", $"# Mooring {Word(0)}\n\nThe {Word(1)} boats moor at the {Word(2)} quay.\n\nCranes unload timber at dawn.\n\n{Footer}\n")
            .Write("timber.md", "# Timber\n\nCranes unload timber at dawn.\n");
        var (index, _) = Index();
        using (index)
            Assert.Equal(["mooring00.md", "timber.md"], (await Search(index, "cranes unload timber")).Take(2).Select(hit => hit.Location).Order(StringComparer.Ordinal));

        var read = await new LocalDocumentReader(documents.Folder()).ReadAsync("mooring07.md", CancellationToken.None);
        Assert.Contains(Footer, read.Sections.SelectMany(section => section.Paragraphs));
    }

    /// <summary>A made-up word of letters only, a different one for each number below 676.</summary>
    private static string Word(int number) => new([(char)('a' + number % 26), (char)('a' + number / 26 % 26), 'q', 'x']);
}
