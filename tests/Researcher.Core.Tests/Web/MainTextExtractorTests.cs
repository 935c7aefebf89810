using System.Text;
using Microsoft.AspNetCore.Http;
using Researcher.Core.Reading;
using Researcher.Core.Tests.Support;
using Researcher.Core.Web;
using Researcher.Testing;

namespace Researcher.Core.Tests.Web;

/// <summary>
/// A web page is read from its article (what SmartReader finds as the main content) with the
/// article's headings as sections, or whole when SmartReader finds none; and finding the article
/// never reaches the network.
/// </summary>
public sealed class MainTextExtractorTests
{
    private const string Location = "https://news.example/coast/why-the-tides-turn";

    [Fact]
    public void An_article_page_is_read_from_its_article_with_its_headings_as_sections_and_without_the_page_around_it()
    {
        var read = new MainTextExtractor().Extract(Location, ArticlePage.Html, "fallback");

        Assert.True(read.FromArticle);
        Assert.Equal("Why the tides turn twice daily", read.Document.Title);
        Assert.Equal(["Spring tides", "Neap tides"], read.Document.Sections.Select(s => s.Heading).Where(h => h is not null));
        Assert.Contains(read.Document.Sections.Single(s => s.Heading == "Neap tides").Paragraphs, p => p.StartsWith("Neap tides come", StringComparison.Ordinal));
        var text = AllText(read.Document);
        foreach (var boilerplate in ArticlePage.Boilerplate)
            Assert.DoesNotContain(boilerplate, text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_that_is_no_article_is_read_whole_without_its_navigation()
    {
        var links = string.Concat(Enumerable.Range(1, 40).Select(i => $"<li><a href='/tide-table/{i}'>Tide table for harbour {i}</a></li>"));
        var html = $"<html><head><title>Tide tables</title></head><body><nav><a href='/'>Front page</a></nav><h1>Tide tables</h1><ul>{links}</ul></body></html>";

        var read = new MainTextExtractor().Extract(Location, html, "fallback");

        Assert.False(read.FromArticle);
        Assert.Equal("Tide tables", read.Document.Title);
        Assert.Equal(40, read.Document.Sections.SelectMany(s => s.Paragraphs).Count(p => p.StartsWith("Tide table for harbour", StringComparison.Ordinal)));
        Assert.DoesNotContain("Front page", AllText(read.Document), StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_with_more_elements_than_the_article_search_takes_is_read_whole()
    {
        var paragraphs = string.Concat(Enumerable.Range(1, MainTextExtractor.MaxArticleSearchElements).Select(i =>
            $"<p>Paragraph {i} tells how the water rises and falls twice a day along the coast, pulled by the moon and, less strongly, by the sun.</p>"));
        var html = $"<html><head><title>Every tide</title></head><body><article>{paragraphs}</article></body></html>";

        var read = new MainTextExtractor().Extract(Location, html, "fallback");

        Assert.False(read.FromArticle);
        Assert.Equal(MainTextExtractor.MaxArticleSearchElements, read.Document.Sections.Sum(s => s.Paragraphs.Count));
    }

    [Fact]
    public async Task Finding_the_article_fetches_nothing_the_page_names_not_even_the_page_again()
    {
        await using var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            if (context.Request.Path != "/article")
            {
                context.Response.StatusCode = 404;
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(ArticlePage.WithResources(context.Request.Host.Value!));
        });
        using var fetcher = LoopbackFetcher.For(server);

        var document = await new WebPageReader(fetcher).ReadAsync(new Uri(server.BaseAddress, "article").AbsoluteUri, CancellationToken.None);

        Assert.Equal("Why the tides turn twice daily", document.Title);
        Assert.Equal("/article", Assert.Single(server.Requests).PathAndQuery);
    }

    internal static string AllText(SourceDocument document) =>
        string.Join("\n", [document.Title, .. document.Sections.SelectMany(s => (s.Heading is null ? s.Paragraphs : [s.Heading, .. s.Paragraphs]))]);
}

/// <summary>A news article in a page of the usual chrome: navigation, a sidebar, comments, a newsletter form and a footer.</summary>
internal static class ArticlePage
{
    /// <summary>Text of the page around the article, none of which belongs in the document.</summary>
    public static readonly string[] Boilerplate =
        ["Front page", "Most read this week", "Harbour dredging resumes", "Reader comments", "Subscribe to the newsletter", "Coastal Weekly Ltd"];

    public static string Html => Page(head: "", resources: "");

    /// <summary>The page with images, a stylesheet, a frame, a script, a video and lazy images, all on <paramref name="host"/>.</summary>
    public static string WithResources(string host) => Page(
        head: $"<link rel='stylesheet' href='/style.css'><link rel='preload' href='http://{host}/font.woff2'>" +
              $"<meta property='og:image' content='http://{host}/og.png'><script src='/app.js'></script>",
        resources: $"<img src='/figure.png' srcset='/figure-2x.png 2x'><img data-src='http://{host}/lazy.png' class='lazy'>" +
                   $"<picture><source srcset='/picture.webp'><img src='/picture.png'></picture>" +
                   $"<iframe src='/embed'></iframe><video poster='/poster.jpg' src='/clip.mp4'></video>" +
                   $"<object data='/chart.svg'></object><embed src='/plugin'>");

    private static string Page(string head, string resources)
    {
        var text = new StringBuilder();
        text.Append($"<!DOCTYPE html><html><head><title>Why the tides turn twice daily | Coastal Weekly</title>{head}</head><body>");
        text.Append("<header><nav><a href='/'>Front page</a> <a href='/weather'>Weather</a> <a href='/harbours'>Harbours</a></nav></header>");
        text.Append("<div class='layout'><aside class='rail'><h3>Most read this week</h3><ul>");
        text.Append("<li><a href='/1'>Harbour dredging resumes</a></li><li><a href='/2'>Ferry timetable changes</a></li></ul></aside>");
        text.Append("<article class='story'><h1>Why the tides turn twice daily</h1>");
        text.Append("<p>Twice a day the sea along the coast rises and falls, and the reason lies far from the shore: the pull of the moon, " +
                    "and to a lesser degree the sun, draws the oceans into two bulges that the turning earth carries past every harbour.</p>");
        text.Append(resources);
        text.Append("<h2>Spring tides</h2>");
        text.Append("<p>Spring tides follow the new and the full moon, when sun and moon stand in one line and their pulls add up, so " +
                    "that high water climbs higher and low water falls lower than at any other time of the month, whatever the season.</p>");
        text.Append("<p>Harbour masters plan dredging and repairs around them, because the lowest waters of the year uncover walls " +
                    "and channels that stay hidden for the rest of the month, and the highest waters test every sea defence.</p>");
        text.Append("<h2>Neap tides</h2>");
        text.Append("<p>Neap tides come a week later, at the quarter moons, when sun and moon pull at right angles and partly cancel, " +
                    "so the range between high and low water is at its smallest and the currents in the estuaries slacken.</p>");
        text.Append("</article>");
        text.Append("<section class='comments' id='comments'><h3>Reader comments</h3><div class='comment'><a href='/u/1'>gull42</a>: Great read!</div></section>");
        text.Append("<form class='newsletter' action='/subscribe'><label>Subscribe to the newsletter</label><input name='email'><button>Sign up</button></form>");
        text.Append("</div><footer><p>Coastal Weekly Ltd, all rights reserved.</p></footer></body></html>");
        return text.ToString();
    }
}
