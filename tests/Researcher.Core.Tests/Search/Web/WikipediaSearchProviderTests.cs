using Microsoft.Extensions.Options;
using Researcher.Core.Search.Web;
using static Researcher.Core.Tests.Search.Web.WebSearchTestSupport;

namespace Researcher.Core.Tests.Search.Web;

public sealed class WikipediaSearchProviderTests
{
    private const string Response = """
        {
          "batchcomplete": "",
          "continue": {"sroffset": 3, "continue": "-||"},
          "query": {
            "searchinfo": {"totalhits": 5120},
            "search": [
              {"ns": 0, "title": "Photosynthesis", "pageid": 24544, "size": 101000, "wordcount": 11000,
               "snippet": "<span class=\"searchmatch\">Photosynthesis</span> is a process used by plants &amp; other organisms&#32;to convert light", "timestamp": "2025-01-02T03:04:05Z"},
              {"ns": 0, "title": "C4 carbon fixation", "pageid": 1, "snippet": "An &quot;efficient&quot; <span class=\"searchmatch\">photosynthetic</span> pathway"},
              {"ns": 0, "title": "Light-dependent reactions (biology)", "pageid": 2},
              {"ns": 0, "pageid": 3, "snippet": "no title, skipped"},
              {"ns": 0, "title": "Photosynthesis", "pageid": 24544, "snippet": "repeat"}
            ]
          }
        }
        """;

    private static WikipediaSearchProvider Provider(Uri baseAddress, HttpClient http, string language = "en") =>
        new(http, Options.Create(new WikipediaOptions { Language = language, BaseUrl = baseAddress.ToString() }), WebSettings());

    [Fact]
    public async Task Articles_are_cited_by_their_wiki_url_with_plain_snippets()
    {
        await using var server = await Answering(Response);
        using var http = new HttpClient();

        var hits = await Provider(server.BaseAddress, http).SearchAsync("photosynthesis", 10, CancellationToken.None);

        Assert.Equal([
            "https://en.wikipedia.org/wiki/Photosynthesis",
            "https://en.wikipedia.org/wiki/C4_carbon_fixation",
            "https://en.wikipedia.org/wiki/Light-dependent_reactions_(biology)",
        ], hits.Select(hit => hit.Location));
        Assert.Equal("Photosynthesis is a process used by plants & other organisms to convert light", hits[0].Snippet);
        Assert.Equal("An \"efficient\" photosynthetic pathway", hits[1].Snippet);
        Assert.Equal("", hits[2].Snippet);
        Assert.Equal("C4 carbon fixation", hits[1].Title);
        Assert.Equal([1.0, 0.5, 1.0 / 3], hits.Select(hit => hit.Score));
    }

    [Fact]
    public async Task At_most_max_results_are_returned()
    {
        await using var server = await Answering(Response);
        using var http = new HttpClient();

        Assert.Single(await Provider(server.BaseAddress, http).SearchAsync("photosynthesis", 1, CancellationToken.None));
    }

    [Fact]
    public async Task The_request_is_a_list_search_with_the_query_encoded()
    {
        await using var server = await Answering(Response);
        using var http = new HttpClient();

        await Provider(server.BaseAddress, http).SearchAsync("Schrödinger & \"cat\"", 5, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("/w/api.php", PathOf(request));
        Assert.Contains("srsearch=Schr%C3%B6dinger%20%26%20%22cat%22", request.PathAndQuery);
        var query = QueryOf(request);
        Assert.Equal("query", query["action"]);
        Assert.Equal("search", query["list"]);
        Assert.Equal("Schrödinger & \"cat\"", query["srsearch"]);
        Assert.InRange(int.Parse(query["srlimit"]), 5, 500);
        Assert.Equal("json", query["format"]);
        Assert.Equal("1", query["utf8"]);
        Assert.Equal(UserAgent, request.Headers["User-Agent"]);
    }

    [Fact]
    public void Article_urls_escape_what_a_path_cannot_hold()
    {
        using var http = new HttpClient();
        var provider = new WikipediaSearchProvider(http, Options.Create(new WikipediaOptions { Language = "de" }), WebSettings());

        Assert.Equal("https://de.wikipedia.org/wiki/Erwin_Schr%C3%B6dinger", provider.ArticleUrl("Erwin Schrödinger"));
        Assert.Equal("https://de.wikipedia.org/wiki/AC/DC", provider.ArticleUrl("AC/DC"));
        Assert.Equal("https://de.wikipedia.org/wiki/What%3F_%26_Why%23", provider.ArticleUrl("What? & Why#"));
    }

    [Fact]
    public async Task An_api_error_in_a_success_response_throws()
    {
        await using var server = await Answering("""{"error": {"code": "badvalue", "info": "secret-body-text"}, "servedby": "mw1"}""");
        using var http = new HttpClient();

        var exception = await Assert.ThrowsAsync<SearchProviderException>(
            () => Provider(server.BaseAddress, http).SearchAsync("photosynthesis", 5, CancellationToken.None));

        Assert.Contains("badvalue", exception.Message);
        Assert.DoesNotContain("secret-body-text", exception.Message);
    }
}
