using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Researcher.Core.Reading;
using Researcher.Core.Tests.Support;
using Researcher.Core.Web;
using Researcher.Testing;

namespace Researcher.Core.Tests.Web;

/// <summary>
/// Web pages read as sources through the safe fetcher from a real (allow-listed loopback) server:
/// text extracted by the parser of their media type, cited under their canonical final URL; what
/// cannot change on a retry is unreadable, what may is transient.
/// </summary>
public sealed class WebPageReaderTests
{
    [Fact]
    public async Task An_html_page_is_read_into_sections_under_its_canonical_final_url_in_its_charset()
    {
        await using var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            if (context.Request.Path == "/old")
            {
                context.Response.Redirect("/tides?utm_source=newsletter#part");
                return;
            }
            context.Response.ContentType = "text/html; charset=windows-1252";
            await context.Response.Body.WriteAsync(Encoding.Latin1.GetBytes(
                "<html><head><title>Tides</title></head><body><nav><a href='/'>Home</a></nav>" +
                "<h1>Tides</h1><h2>Spring tides</h2><p>Spring tides follow the new and the full moon, caf\u00e9 or not.</p></body></html>"));
        });
        using var fetcher = LoopbackFetcher.For(server);

        var document = await new WebPageReader(fetcher).ReadAsync(new Uri(server.BaseAddress, "old").AbsoluteUri, CancellationToken.None);

        Assert.Equal(new Uri(server.BaseAddress, "tides").AbsoluteUri, document.Location);
        Assert.Equal("Tides", document.Title);
        var section = Assert.Single(document.Sections, s => s.Heading == "Spring tides");
        Assert.Equal("Spring tides follow the new and the full moon, café or not.", Assert.Single(section.Paragraphs));
        Assert.DoesNotContain(document.Sections.SelectMany(s => s.Paragraphs), p => p.Contains("Home", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_plain_text_page_without_a_title_is_named_after_its_host_and_path()
    {
        await using var server = await Serve(200, "text/plain; charset=utf-8", "Neap tides come between spring tides.");
        using var fetcher = LoopbackFetcher.For(server);

        var document = await new WebPageReader(fetcher).ReadAsync(new Uri(server.BaseAddress, "notes/neap.txt").AbsoluteUri, CancellationToken.None);

        Assert.Equal($"{server.BaseAddress.Host}: neap.txt", document.Title);
        Assert.Equal("Neap tides come between spring tides.", Assert.Single(Assert.Single(document.Sections).Paragraphs));
    }

    [Theory]
    [InlineData(404, "text/html")]
    [InlineData(410, "text/html")]
    [InlineData(200, "image/png")]
    [InlineData(200, "application/json")]
    public async Task What_a_retry_cannot_change_is_unreadable(int status, string contentType)
    {
        await using var server = await Serve(status, contentType, "{}");
        using var fetcher = LoopbackFetcher.For(server);

        var unreadable = await Assert.ThrowsAsync<SourceUnreadableException>(
            () => new WebPageReader(fetcher).ReadAsync(server.BaseAddress.AbsoluteUri, CancellationToken.None));

        Assert.Equal(server.BaseAddress.AbsoluteUri, unreadable.Location);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(408)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_busy_or_failing_server_is_transient(int status)
    {
        await using var server = await Serve(status, "text/html", "busy");
        using var fetcher = LoopbackFetcher.For(server);

        await Assert.ThrowsAsync<WebPageUnavailableException>(
            () => new WebPageReader(fetcher).ReadAsync(server.BaseAddress.AbsoluteUri, CancellationToken.None));
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://127.0.0.1:1/")]
    [InlineData("guide/tides.md")]
    [InlineData("file:///etc/passwd")]
    public async Task A_private_address_or_a_location_that_is_not_a_web_url_is_unreadable(string location)
    {
        using var fetcher = new SafeHttpFetcher(Options.Create(new WebFetchOptions()));

        await Assert.ThrowsAsync<SourceUnreadableException>(() => new WebPageReader(fetcher).ReadAsync(location, CancellationToken.None));
    }

    [Fact]
    public async Task Web_locations_go_to_the_web_and_every_other_location_to_the_documents_folder()
    {
        using var corpus = new TestCorpus();
        await using var server = await Serve(200, "text/plain", "From the web.");
        using var fetcher = LoopbackFetcher.For(server);
        var folder = new LocalDocumentFolder(Options.Create(new LocalDocumentsOptions { Path = corpus.Root }));
        var reader = new WebOrLocalSourceReader(new WebPageReader(fetcher), new LocalDocumentReader(folder));
        var local = Directory.EnumerateFiles(corpus.Root, "*.md", SearchOption.AllDirectories).First();

        var fromWeb = await reader.ReadAsync(server.BaseAddress.AbsoluteUri, CancellationToken.None);
        var fromFolder = await reader.ReadAsync(Path.GetRelativePath(corpus.Root, local), CancellationToken.None);

        Assert.Equal(server.BaseAddress.AbsoluteUri, fromWeb.Location);
        Assert.Equal(Path.GetRelativePath(corpus.Root, local).Replace('\\', '/'), fromFolder.Location);
        Assert.Single(server.Requests);
    }

    private static Task<LoopbackHttpServer> Serve(int status, string contentType, string body) =>
        LoopbackHttpServer.StartAsync(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });
}
