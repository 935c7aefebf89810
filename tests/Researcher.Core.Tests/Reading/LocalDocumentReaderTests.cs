using System.Text;
using Researcher.Core.Reading;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Researcher.Core.Tests.Reading;

public sealed class LocalDocumentReaderTests : IDisposable
{
    private readonly DocumentFolderFixture documents = new();

    public void Dispose() => documents.Dispose();

    private LocalDocumentReader Reader(long maxFileBytes = 5 * 1024 * 1024) => new(documents.Folder(maxFileBytes));

    [Theory]
    [InlineData("../outside/secret.md")]
    [InlineData("guides/../../outside/secret.md")]
    [InlineData("/etc/passwd")]
    [InlineData("")]
    public async Task Locations_that_leave_the_folder_are_refused(string location)
    {
        File.WriteAllText(Path.Combine(documents.Outside, "secret.md"), "# Secret\n\nDo not read.\n");

        await Assert.ThrowsAsync<SourceUnreadableException>(() => Reader().ReadAsync(location, CancellationToken.None));
    }

    [Fact]
    public async Task A_symbolic_link_to_a_file_outside_the_folder_is_refused()
    {
        var secret = Path.Combine(documents.Outside, "secret.md");
        File.WriteAllText(secret, "# Secret\n\nDo not read.\n");
        File.CreateSymbolicLink(documents.PathOf("innocent.md"), secret);

        var refused = await Assert.ThrowsAsync<SourceUnreadableException>(() => Reader().ReadAsync("innocent.md", CancellationToken.None));
        Assert.Contains("outside", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symbolic_link_to_a_folder_outside_is_refused_and_not_indexed()
    {
        File.WriteAllText(Path.Combine(documents.Outside, "secret.md"), "# Secret\n\nDo not read.\n");
        Directory.CreateSymbolicLink(documents.PathOf("linked"), documents.Outside);
        documents.Write("inside.md", "# Inside\n\nFine.\n");

        await Assert.ThrowsAsync<SourceUnreadableException>(() => Reader().ReadAsync("linked/secret.md", CancellationToken.None));
        Assert.Equal(["inside.md"], documents.Folder().ListLocations(out _));
    }

    [Fact]
    public async Task A_symbolic_link_that_stays_inside_the_folder_is_read()
    {
        documents.Write("real/guide.md", "# Guide\n\nInside the folder.\n");
        Directory.CreateSymbolicLink(documents.PathOf("alias"), documents.PathOf("real"));

        var document = await Reader().ReadAsync("alias/guide.md", CancellationToken.None);

        Assert.Equal("Guide", document.Title);
    }

    [Fact]
    public async Task Markdown_headings_become_sections_and_blocks_become_paragraphs()
    {
        documents.Write("guide.md", """
            # The guide

            Intro with `inline code` and a [link](https://example.com) &amp; more.

            ## Install

            - First item.
            - Second item.

            ```bash
            dotnet build
            ```

            <div>raw html is dropped</div>
            """);

        var document = await Reader().ReadAsync("guide.md", CancellationToken.None);

        Assert.Equal("guide.md", document.Location);
        Assert.Equal("The guide", document.Title);
        Assert.Equal(["The guide", "Install"], document.Sections.Select(s => s.Heading));
        Assert.Equal(["Intro with `inline code` and a link & more."], document.Sections[0].Paragraphs);
        Assert.Equal(["First item.", "Second item.", "`dotnet build`"], document.Sections[1].Paragraphs);
    }

    [Fact]
    public async Task Markdown_definition_terms_open_their_definitions_and_headings_lose_their_numbering()
    {
        documents.Write("settings.md", """
            # 2. Settings

            ## 2.1. Memory

            `shared_buffers`
            :   Sets the amount of memory used for shared buffers.

                A quarter of the memory is a reasonable start.

            colour
            color
            :   The hue of a thing.

            `pg_sleep`
            :   ```sql
                SELECT pg_sleep(1);
                ```
            """);

        var document = await Reader().ReadAsync("settings.md", CancellationToken.None);

        Assert.Equal("Settings", document.Title);
        var section = Assert.Single(document.Sections);
        Assert.Equal("Memory", section.Heading);
        Assert.Equal(
        [
            "`shared_buffers`: Sets the amount of memory used for shared buffers.",
            "A quarter of the memory is a reasonable start.",
            "colour, color: The hue of a thing.",
            "`pg_sleep`", "`SELECT pg_sleep(1);`",
        ], section.Paragraphs);
    }

    [Fact]
    public async Task Html_drops_scripts_styles_and_page_chrome_and_decodes_entities()
    {
        documents.Write("page.html", """
            <html><head><title>Caf&eacute; &amp; Bar</title><style>p { color: red }</style></head>
            <body>
              <nav><a href="/">Home</a> navigation links</nav>
              <header>Site header</header>
              <h1>Menu</h1>
              <p>Coffee &lt;strong&gt; costs &euro;3 &mdash; tea is free.<script>alert('x')</script></p>
              <h2>Hours<a class="headerlink" href="#hours">¶</a></h2>
              <ul><li>Open at <code>9:00</code></li><li>Closed on Sunday</li></ul>
              <pre>line one
            line two</pre>
              <footer>Copyright</footer>
              <script>document.write('tracking')</script>
            </body></html>
            """);

        var document = await Reader().ReadAsync("page.html", CancellationToken.None);
        var allText = string.Join(" ", document.Sections.SelectMany(s => s.Paragraphs.Prepend(s.Heading ?? "")));

        Assert.Equal("Café & Bar", document.Title);
        Assert.Equal(["Menu", "Hours"], document.Sections.Select(s => s.Heading));
        Assert.Equal(["Coffee <strong> costs €3 — tea is free."], document.Sections[0].Paragraphs);
        Assert.Equal(["Open at `9:00`", "Closed on Sunday", "`line one line two`"], document.Sections[1].Paragraphs);
        foreach (var chrome in (string[])["alert", "tracking", "color", "navigation", "Site header", "Copyright"])
            Assert.DoesNotContain(chrome, allText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_without_a_title_element_takes_its_first_h1()
    {
        documents.Write("page.htm", "<body><h1>Only heading</h1><p>Text.</p></body>");

        var document = await Reader().ReadAsync("page.htm", CancellationToken.None);

        Assert.Equal("Only heading", document.Title);
    }

    [Fact]
    public async Task Html_whose_title_adds_the_site_name_to_its_h1_takes_the_h1()
    {
        documents.Write("copy.html", """
            <html><head><title>copy — Shallow and deep copy operations — Python 3.11 documentation</title></head>
            <body><h1>copy — Shallow and deep copy operations<a class="headerlink" href="#copy">¶</a></h1><p>Text.</p></body></html>
            """);

        var document = await Reader().ReadAsync("copy.html", CancellationToken.None);

        Assert.Equal("copy — Shallow and deep copy operations", document.Title);
    }

    [Fact]
    public async Task Plain_text_paragraphs_are_separated_by_blank_lines()
    {
        documents.Write("notes/release-notes.txt", "First paragraph\nwraps here.\n\n   \nSecond paragraph.\n");

        var document = await Reader().ReadAsync("notes/release-notes.txt", CancellationToken.None);

        Assert.Equal("release notes", document.Title);
        Assert.Null(Assert.Single(document.Sections).Heading);
        Assert.Equal(["First paragraph wraps here.", "Second paragraph."], document.Sections[0].Paragraphs);
    }

    [Fact]
    public async Task Pdf_text_is_read_page_by_page()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        builder.AddPage(PageSize.A4).AddText("The first page explains lighthouses.", 12, new PdfPoint(50, 700), font);
        builder.AddPage(PageSize.A4).AddText("The second page explains harbours.", 12, new PdfPoint(50, 700), font);
        documents.WriteBytes("manual.pdf", builder.Build());

        var document = await Reader().ReadAsync("manual.pdf", CancellationToken.None);
        var paragraphs = document.Sections.SelectMany(s => s.Paragraphs).ToList();

        Assert.Equal("manual", document.Title);
        Assert.Equal(["The first page explains lighthouses.", "The second page explains harbours."], paragraphs);
    }

    [Fact]
    public async Task A_damaged_pdf_is_unreadable()
    {
        documents.WriteBytes("broken.pdf", Encoding.ASCII.GetBytes("%PDF-1.7 this is not really a pdf"));

        await Assert.ThrowsAsync<SourceUnreadableException>(() => Reader().ReadAsync("broken.pdf", CancellationToken.None));
    }

    [Fact]
    public async Task Files_over_the_size_limit_unsupported_formats_and_missing_files_are_unreadable()
    {
        documents
            .Write("big.md", new string('a', 2_000))
            .Write("data.csv", "a,b\n1,2\n");
        var reader = Reader(maxFileBytes: 1_024);

        var tooBig = await Assert.ThrowsAsync<SourceUnreadableException>(() => reader.ReadAsync("big.md", CancellationToken.None));
        Assert.Contains("MaxFileBytes", tooBig.Reason, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SourceUnreadableException>(() => reader.ReadAsync("data.csv", CancellationToken.None));
        await Assert.ThrowsAsync<SourceUnreadableException>(() => reader.ReadAsync("missing.md", CancellationToken.None));
    }

    [Fact]
    public void Listing_skips_hidden_and_unsupported_files_and_stops_at_the_file_limit()
    {
        documents
            .Write("b.md", "# B\n\nb.\n")
            .Write("a.html", "<p>a</p>")
            .Write("c.txt", "c")
            .Write(".hidden.md", "# Hidden\n")
            .Write("image.png", "not an image");

        var all = documents.Folder().ListLocations(out var allTruncated);
        var limited = documents.Folder(maxFiles: 2).ListLocations(out var limitedTruncated);

        Assert.Equal(["a.html", "b.md", "c.txt"], all);
        Assert.False(allTruncated);
        Assert.Equal(["a.html", "b.md"], limited);
        Assert.True(limitedTruncated);
    }
}
