using System.Text;
using Microsoft.AspNetCore.Http;
using Researcher.Core.Reading;
using Researcher.Core.Tests.Support;
using Researcher.Core.Web;
using Researcher.Testing;

namespace Researcher.Core.Tests.Web;

/// <summary>
/// Web pages written to break a reader: active content and form fields among the text, pages that
/// are only a script, nesting far deeper than any real page, pages of several megabytes, and bodies
/// whose charset is wrong, contradicted or broken. Each one is a document or a
/// <see cref="SourceUnreadableException"/> (a warning in the report), never another exception.
/// </summary>
public sealed class HostileHtmlTests
{
    private const string Location = "https://hostile.example/page";

    /// <summary>Scripts, styles, frames, SVG, templates, form fields, media fallbacks and event handlers, each with a marker word.</summary>
    private const string ActiveContent =
        "<script>var SCRIPTMARK = document.cookie;</script><style>.STYLEMARK { color: red }</style>" +
        "<noscript><p>NOSCRIPTMARK enable scripts</p></noscript><iframe srcdoc='<p>SRCDOCMARK</p>'>IFRAMEMARK</iframe>" +
        "<svg><text>SVGMARK</text><script>SVGSCRIPTMARK()</script></svg><template><p>TEMPLATEMARK</p></template>" +
        "<form action='/steal'><label>LABELMARK</label><input value='INPUTMARK'><button>BUTTONMARK</button>" +
        "<select><option>OPTIONMARK</option></select><textarea>TEXTAREAMARK</textarea></form>" +
        "<noframes><p>NOFRAMESMARK</p></noframes><object data='x.swf'>OBJECTMARK</object><video>VIDEOMARK</video>" +
        "<img src='x' onerror='ONERRORMARK()'><a href='javascript:HREFMARK()' onclick='ONCLICKMARK()'>a harbour map</a>";

    private static readonly string[] Prose =
    [
        "The lighthouse keeper climbed the stairs every evening at dusk to light the lamp, trim the wick and wind the clockwork that turned the lens.",
        "Ships far out at sea counted the flashes between the dark intervals, and each light along the coast had a rhythm of its own to tell it apart.",
        "When fog rolled in from the sea the keeper sounded the horn instead, long blasts at fixed intervals, until the morning sun burned the fog away.",
        "Automation ended the keepers' watch in the last century, yet many towers still stand, their lamps tended by engineers who visit a few times a year.",
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Active_content_form_fields_and_event_handlers_never_reach_the_text_on_either_path(bool articlePage)
    {
        // An article's paragraphs are found by SmartReader; short lines of links are not an article and are read whole.
        var body = articlePage
            ? string.Concat(Prose.Select(p => $"<p onmouseover='HOVERMARK()'>{p} {ActiveContent}</p>"))
            : string.Concat(Enumerable.Range(1, 5).Select(i => $"<div onclick='ONCLICKMARK()'><a href='/{i}'>Harbour {i}</a>{ActiveContent}</div>"));
        var html = $"<html><head><title>Lighthouses</title>{ActiveContent}</head><body onload='ONLOADMARK()'>{ActiveContent}{body}</body></html>";

        var read = new MainTextExtractor().Extract(Location, html, "fallback");

        Assert.Equal(articlePage, read.FromArticle);
        var text = MainTextExtractorTests.AllText(read.Document);
        Assert.DoesNotContain("MARK", text, StringComparison.Ordinal);
        Assert.Contains("a harbour map", text, StringComparison.Ordinal);
        Assert.Contains(articlePage ? Prose[3][..40] : "Harbour 5", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html><head><script>document.write('<p>' + 'Tides and moons. '.repeat(200) + '</p>');</script></head><body></body></html>")]
    [InlineData("<!DOCTYPE html><html><head><title></title></head><body><div id='root'></div><script src='/bundle.js'></script><noscript>You need to enable JavaScript to run this app.</noscript></body></html>")]
    [InlineData("<script>while (true) {}</script>")]
    public void A_page_that_is_only_a_script_is_unreadable(string html)
    {
        var unreadable = Assert.Throws<SourceUnreadableException>(() => new MainTextExtractor().Extract(Location, html, "fallback"));

        Assert.Equal(Location, unreadable.Location);
        Assert.Contains("no text", unreadable.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<div>", "</div>")]
    [InlineData("<span>", "</span>")]
    [InlineData("<b>", "</b>")]
    [InlineData("<div/>", "")]
    [InlineData("<table><tr><td>", "</td></tr></table>")]
    [InlineData("<ul><li>", "</li></ul>")]
    [InlineData("<svg><g>", "</g></svg>")]
    [InlineData("<div></i>", "</div>")]
    public void A_hundred_thousand_nested_elements_are_refused_before_they_are_parsed(string open, string close)
    {
        const int depth = 100_000;
        var html = $"<html><body>{Repeat(open, depth)}Deep words about tides.{Repeat(close, depth)}</body></html>";

        var unreadable = Assert.Throws<SourceUnreadableException>(() => new MainTextExtractor().Extract(Location, html, "fallback"));

        Assert.Contains($"more than {WebPageHtml.MaxOpenElements} elements open", unreadable.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<span>", "</span>")]
    [InlineData("<b><i>", "</i></b>")]
    public void Nesting_just_within_the_bound_is_read(string open, string close)
    {
        // html and body are open too; each repetition opens one element per tag.
        var depth = (WebPageHtml.MaxOpenElements - 2) / open.Count(c => c == '<');
        var html = $"<html><body>{Repeat(open, depth)}Deep words about tides.{Repeat(close, depth)}</body></html>";

        var read = new MainTextExtractor().Extract(Location, html, "fallback");

        Assert.Contains("Deep words about tides.", MainTextExtractorTests.AllText(read.Document), StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_paragraphs_and_list_items_are_not_taken_for_nesting()
    {
        const int count = 20_000;
        var html = $"<html><body><ul>{Repeat("<li>A tide table entry", count)}</ul>{Repeat("<p>A paragraph about the harbour", count)}</body></html>";

        var read = new MainTextExtractor().Extract(Location, html, "fallback");

        var paragraphs = read.Document.Sections.SelectMany(s => s.Paragraphs).ToList();
        Assert.Equal(count, paragraphs.Count(p => p == "A tide table entry"));
        Assert.Equal(count, paragraphs.Count(p => p == "A paragraph about the harbour"));
    }

    [Fact]
    public async Task A_page_of_several_megabytes_within_the_fetch_limit_is_read_whole()
    {
        var paragraph = "<p>The harbour wall was rebuilt after the storm of the winter before, stone by stone, by masons who came from the quarry towns inland.</p>";
        var paragraphs = 4 * 1024 * 1024 / paragraph.Length;
        var html = $"<html><head><title>Harbour records</title></head><body><article>{Repeat(paragraph, paragraphs)}</article></body></html>";
        Assert.InRange(html.Length, 4_000_000, (int)new WebFetchOptions().MaxResponseBytes);
        await using var server = await Serve("text/html; charset=utf-8", Encoding.UTF8.GetBytes(html));

        var document = await Read(server);

        Assert.Equal("Harbour records", document.Title);
        Assert.Equal(paragraphs, document.Sections.Sum(s => s.Paragraphs.Count));
    }

    [Fact]
    public async Task The_header_charset_wins_over_a_contradicting_meta_charset()
    {
        var body = Encoding.Latin1.GetBytes("<html><head><meta charset='utf-8'><title>Caf\u00e9s on the quay</title></head><body><p>Caf\u00e9 cr\u00e8me at the harbour.</p></body></html>");
        await using var server = await Serve("text/html; charset=windows-1252", body);

        var document = await Read(server);

        Assert.Equal("Cafés on the quay", document.Title);
        Assert.Equal("Café crème at the harbour.", Assert.Single(Assert.Single(document.Sections).Paragraphs));
    }

    [Fact]
    public async Task Bytes_invalid_in_the_declared_charset_become_replacement_characters_and_the_rest_is_read()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("<html><body><p>Tides "), 0xFF, 0xC3, 0x28, 0xE2, 0x82, .. Encoding.UTF8.GetBytes(" and moons.</p></body></html>")];
        await using var server = await Serve("text/html; charset=utf-8", body);

        var document = await Read(server);

        var paragraph = Assert.Single(Assert.Single(document.Sections).Paragraphs);
        Assert.StartsWith("Tides \uFFFD", paragraph, StringComparison.Ordinal);
        Assert.EndsWith(" and moons.", paragraph, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_meta_charset_naming_utf16_on_an_ascii_page_and_an_unknown_header_charset_read_as_utf8()
    {
        var body = Encoding.UTF8.GetBytes("<html><head><meta charset='utf-16'></head><body><p>Na\u00efve tide tables.</p></body></html>");
        await using var server = await Serve("text/html; charset=x-no-such-charset", body);

        var document = await Read(server);

        Assert.Equal("Naïve tide tables.", Assert.Single(Assert.Single(document.Sections).Paragraphs));
    }

    [Fact]
    public async Task Html_holding_nul_characters_is_unreadable_as_binary()
    {
        byte[] body = [.. Encoding.UTF8.GetBytes("<html><body><p>Tides"), 0, 0, 0, .. Encoding.UTF8.GetBytes("</p></body></html>")];
        await using var server = await Serve("text/html", body);

        var unreadable = await Assert.ThrowsAsync<SourceUnreadableException>(() => Read(server));

        Assert.Contains("binary", unreadable.Reason, StringComparison.Ordinal);
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    private static Task<LoopbackHttpServer> Serve(string contentType, byte[] body) =>
        LoopbackHttpServer.StartAsync(async context =>
        {
            context.Response.ContentType = contentType;
            await context.Response.Body.WriteAsync(body);
        });

    private static async Task<SourceDocument> Read(LoopbackHttpServer server)
    {
        using var fetcher = LoopbackFetcher.For(server);
        return await new WebPageReader(fetcher).ReadAsync(new Uri(server.BaseAddress, "page").AbsoluteUri, CancellationToken.None);
    }
}
