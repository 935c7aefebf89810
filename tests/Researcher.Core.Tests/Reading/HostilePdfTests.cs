using System.Text;
using Microsoft.AspNetCore.Http;
using Researcher.Core.Reading;
using Researcher.Core.Tests.Support;
using Researcher.Core.Web;
using Researcher.Testing;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Researcher.Core.Tests.Reading;

/// <summary>
/// PDFs written to break a reader: corrupt, cut short, not PDFs at all, encrypted, lying about or
/// really holding thousands of pages, nested past any parser's stack, or carrying JavaScript. Each
/// one is a document or a <see cref="SourceUnreadableException"/>, never another exception.
/// </summary>
public sealed class HostilePdfTests
{
    private const string Location = "reports/harbour.pdf";

    private static readonly PdfDocumentParser Parser = new();

    /// <summary>Files that are no readable PDF, by what is wrong with them.</summary>
    private static readonly Dictionary<string, Func<byte[]>> Broken = new()
    {
        ["cut in half"] = () => FirstHalf(Pdf(2)),
        ["cut after its header"] = () => Pdf(2)[..20],
        ["empty"] = () => [],
        ["a header and garbage"] = () => Latin1("%PDF-1.7\n" + new string('x', 5_000)),
        ["random bytes"] = () => RandomBytes(20_000),
        ["a PNG"] = () => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. RandomBytes(1_000)],
        ["an object nested 100 000 deep"] = () =>
            Edit(Pdf(1), "/Type /Catalog", "/Type /Catalog /Deep " + Repeat("<< /A ", 100_000) + "1" + Repeat(" >>", 100_000)),
        ["an array nested 100 000 deep"] = () =>
            Edit(Pdf(1), "/Type /Catalog", "/Type /Catalog /Deep " + Repeat("[", 100_000) + Repeat("]", 100_000)),
    };

    public static TheoryData<string> BrokenFiles => [.. Broken.Keys];

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void A_broken_pdf_is_unreadable(string broken)
    {
        var content = Broken[broken]();

        var unreadable = Assert.Throws<SourceUnreadableException>(() => Parser.Parse(Location, content, "harbour"));

        Assert.Equal(Location, unreadable.Location);
        Assert.StartsWith("not a readable PDF", unreadable.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_encrypted_pdf_whose_password_is_not_empty_is_unreadable_as_encrypted()
    {
        var encrypted = Edit(Pdf(1), "trailer\n<<", "trailer\n<< /Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P -4 " +
            "/O (0123456789abcdef0123456789abcdef) /U (0123456789abcdef0123456789abcdef) >>");

        var unreadable = Assert.Throws<SourceUnreadableException>(() => Parser.Parse(Location, encrypted, "harbour"));

        Assert.Equal("the PDF is encrypted", unreadable.Reason);
    }

    [Fact]
    public void A_page_count_far_beyond_the_pages_there_are_reads_the_pages_there_are()
    {
        var lying = Edit(Pdf(2), "/Count 2", "/Count 2000000000");

        var document = Parser.Parse(Location, lying, "harbour");

        Assert.Equal(["Page 1 is about the harbour.", "Page 2 is about the harbour."], document.Sections.SelectMany(s => s.Paragraphs));
    }

    [Fact]
    public void Thousands_of_real_pages_are_all_read()
    {
        const int pages = 3_000;

        var document = Parser.Parse(Location, Pdf(pages), "harbour");

        Assert.Equal(pages, document.Sections.Sum(s => s.Paragraphs.Count));
        Assert.Equal($"Page {pages} is about the harbour.", document.Sections[^1].Paragraphs[^1]);
    }

    [Fact]
    public void A_pdf_carrying_javascript_is_read_without_it()
    {
        var scripted = Edit(Pdf(1), "/Type /Catalog", "/Type /Catalog " +
            "/OpenAction << /S /JavaScript /JS (app.alert\\('PDFSCRIPTMARK'\\); this.exportDataObject\\({cName: 'x'}\\);) >> " +
            "/Names << /JavaScript << /Names [(startup) << /S /JavaScript /JS (NAMEDSCRIPTMARK\\(\\)) >>] >> >>");

        var document = Parser.Parse(Location, scripted, "harbour");

        var paragraph = Assert.Single(Assert.Single(document.Sections).Paragraphs);
        Assert.Equal("Page 1 is about the harbour.", paragraph);
    }

    [Fact]
    public async Task A_web_page_labelled_application_pdf_that_is_no_pdf_is_unreadable()
    {
        await using var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/pdf";
            await context.Response.WriteAsync("<html><body><p>Not a PDF at all.</p></body></html>");
        });
        using var fetcher = LoopbackFetcher.For(server);
        var location = new Uri(server.BaseAddress, "report.pdf").AbsoluteUri;

        var unreadable = await Assert.ThrowsAsync<SourceUnreadableException>(() => new WebPageReader(fetcher).ReadAsync(location, CancellationToken.None));

        Assert.Equal(location, unreadable.Location);
        Assert.StartsWith("not a readable PDF", unreadable.Reason, StringComparison.Ordinal);
    }

    /// <summary>A PDF of <paramref name="pages"/> pages, page n saying "Page n is about the harbour.".</summary>
    private static byte[] Pdf(int pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var page = 1; page <= pages; page++)
            builder.AddPage(PageSize.A4).AddText($"Page {page} is about the harbour.", 12, new PdfPoint(50, 700), font);
        return builder.Build();
    }

    /// <summary>
    /// <paramref name="pdf"/> with its first <paramref name="find"/> replaced (which moves every later
    /// object, so the parser must also find them without the cross-reference table's offsets).
    /// </summary>
    private static byte[] Edit(byte[] pdf, string find, string replacement)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"the PDF has no '{find}'");
        return Latin1(text[..at] + replacement + text[(at + find.Length)..]);
    }

    private static byte[] FirstHalf(byte[] bytes) => bytes[..(bytes.Length / 2)];

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(14).NextBytes(bytes);
        return bytes;
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
}
