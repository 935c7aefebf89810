using Researcher.Core.Reading;

namespace Researcher.Core.Tests.Reading;

/// <summary>A folder's boilerplate found by repetition: a paragraph on a large share of its documents.</summary>
public sealed class RepeatedBlocksTests
{
    private const string Footer = "© Copyright 2001-2026, Python Software Foundation. This page is licensed under the Python Software Foundation License Version 2.";
    private const string Breadcrumb = "3.11.2 Documentation » The Python Standard Library";

    /// <summary>Every document without the paragraphs repeated across them.</summary>
    private static List<SourceDocument> Remove(IReadOnlyList<SourceDocument> documents, int minDocuments = RepeatedBlocks.MinDocuments)
    {
        var repeated = RepeatedBlocks.Find(documents, minDocuments: minDocuments).Select(found => found.Paragraph).ToHashSet(StringComparer.Ordinal);
        return documents.Select(document => RepeatedBlocks.Without(document, repeated)).ToList();
    }

    private static SourceDocument Page(int number, params string[] extra) =>
        new($"library/page{number}.html", $"Page {number}",
        [
            new SourceSection(null, [Breadcrumb]),
            new SourceSection($"Module {number}", [$"Module {number} reads the tides of harbour {number}.", .. extra, Footer]),
        ]);

    [Fact]
    public void Paragraphs_on_a_third_of_the_pages_or_more_are_left_out_and_the_rest_kept_in_order()
    {
        // The footer is on all 30 pages, a version note on 12 (40 %), a shared warning on 6 (20 %).
        var documents = Enumerable.Range(1, 30).Select(i => Page(i,
            [.. i <= 12 ? ["New in version 3.2."] : Array.Empty<string>(), .. i <= 6 ? ["Never run this as root."] : Array.Empty<string>()])).ToList();

        var found = RepeatedBlocks.Find(documents);
        var cleaned = Remove(documents);

        Assert.Equal([(Breadcrumb, 30), (Footer, 30), ("New in version 3.2.", 12)], found);
        Assert.Equal(documents.Select(d => d.Location), cleaned.Select(d => d.Location));
        var first = cleaned[0];
        Assert.Equal("Module 1", Assert.Single(first.Sections).Heading);
        Assert.Equal(["Module 1 reads the tides of harbour 1.", "Never run this as root."], first.Sections[0].Paragraphs);
        Assert.Equal(["Module 30 reads the tides of harbour 30."], Assert.Single(cleaned[29].Sections).Paragraphs);
    }

    [Fact]
    public void A_paragraph_repeated_within_one_page_counts_once_and_headings_are_never_left_out()
    {
        var documents = Enumerable.Range(1, 20).Select(i => new SourceDocument($"ref{i}.html", $"Ref {i}",
        [
            new SourceSection("Description", [$"Command {i} does thing {i}."]),
            new SourceSection("Examples", [$"Example of command {i}.", $"Example of command {i}."]),
        ])).ToList();
        documents[0] = documents[0] with { Sections = [.. documents[0].Sections, new SourceSection("Notes", [.. Enumerable.Repeat("Repeated on one page.", 10)])] };

        Assert.Empty(RepeatedBlocks.Find(documents));
    }

    [Fact]
    public void A_folder_of_fewer_documents_than_the_minimum_has_no_repeated_paragraphs()
    {
        var documents = Enumerable.Range(1, RepeatedBlocks.MinDocuments - 1).Select(i => Page(i)).ToList();

        Assert.Empty(RepeatedBlocks.Find(documents));
        // The same folder with a lower minimum loses its breadcrumb and footer.
        Assert.Equal(["Module 1 reads the tides of harbour 1."], Assert.Single(Remove(documents, minDocuments: 2)[0].Sections).Paragraphs);
    }

    [Fact]
    public void A_document_left_without_text_is_kept_empty_and_its_flag_survives()
    {
        var documents = Enumerable.Range(1, 20).Select(i => Page(i)).ToList();
        documents.Add(new SourceDocument("contents.html", "Contents", [new SourceSection(null, [Breadcrumb, Footer])]) { IsNavigation = true });

        var cleaned = Remove(documents);

        Assert.Empty(cleaned[^1].Sections);
        Assert.True(cleaned[^1].IsNavigation);
        Assert.Equal(["Module 1 reads the tides of harbour 1."], Assert.Single(cleaned[0].Sections).Paragraphs);
    }
}
