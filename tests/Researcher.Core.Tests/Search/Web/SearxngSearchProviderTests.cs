using Microsoft.Extensions.Options;
using Researcher.Core.Search.Web;
using static Researcher.Core.Tests.Search.Web.WebSearchTestSupport;

namespace Researcher.Core.Tests.Search.Web;

public sealed class SearxngSearchProviderTests
{
    private const string Response = """
        {
          "query": "rust borrow checker",
          "number_of_results": 0,
          "results": [
            {"url": "https://doc.rust-lang.org/book/ch04-02-references-and-borrowing.html", "title": "References &amp; Borrowing",
             "content": "The   borrow checker\n ensures references are &quot;valid&quot;.", "engine": "duckduckgo", "engines": ["duckduckgo", "bing"],
             "score": 4.5, "category": "general"},
            {"url": "https://blog.example.org/borrowck", "title": "Inside the borrow checker", "content": "A &lt;deep&gt; dive.", "score": 9.0},
            {"title": "No url, skipped", "content": "nothing", "score": 8.0},
            {"url": "https://doc.rust-lang.org/book/ch04-02-references-and-borrowing.html#fragment", "title": "Duplicate", "content": "dup", "score": 1.0},
            {"url": "https://users.rust-lang.org/t/borrow/42", "content": "Forum thread without a title", "score": 2.25},
            "not an object"
          ],
          "answers": [], "corrections": [], "infoboxes": [], "suggestions": [], "unresponsive_engines": []
        }
        """;

    private static SearxngSearchProvider Provider(Uri baseAddress, HttpClient http, string path = "", IOptions<WebSearchOptions>? web = null) =>
        new(http, Options.Create(new SearxngOptions { BaseUrl = new Uri(baseAddress, path).ToString(), Categories = "general,it" }), web ?? WebSettings());

    [Fact]
    public async Task Results_are_parsed_deduplicated_and_ordered_by_the_instance_score()
    {
        await using var server = await Answering(Response);
        using var http = new HttpClient();

        var hits = await Provider(server.BaseAddress, http).SearchAsync("rust borrow checker", 10, CancellationToken.None);

        Assert.Equal(
            ["https://blog.example.org/borrowck", "https://doc.rust-lang.org/book/ch04-02-references-and-borrowing.html", "https://users.rust-lang.org/t/borrow/42"],
            hits.Select(hit => hit.Location));
        Assert.Equal("References & Borrowing", hits[1].Title);
        Assert.Equal("The borrow checker ensures references are \"valid\".", hits[1].Snippet);
        Assert.Equal("A <deep> dive.", hits[0].Snippet);
        Assert.Equal("https://users.rust-lang.org/t/borrow/42", hits[2].Title);
        Assert.Equal([1.0, 0.5, 0.25], hits.Select(hit => hit.Score));
        Assert.All(hits, hit => Assert.Null(hit.Section));
    }

    [Fact]
    public async Task At_most_max_results_are_returned()
    {
        await using var server = await Answering(Response);
        using var http = new HttpClient();

        var hits = await Provider(server.BaseAddress, http).SearchAsync("rust borrow checker", 2, CancellationToken.None);

        Assert.Equal(["https://blog.example.org/borrowck", "https://doc.rust-lang.org/book/ch04-02-references-and-borrowing.html"], hits.Select(hit => hit.Location));
    }

    [Fact]
    public async Task The_request_asks_for_json_under_the_base_path_with_the_query_encoded()
    {
        await using var server = await Answering(Response);
        using var http = new HttpClient();

        await Provider(server.BaseAddress, http, "searx").SearchAsync("  C# & \"async\" streams?  ", 5, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/searx/search", PathOf(request));
        Assert.Contains("q=C%23%20%26%20%22async%22%20streams%3F", request.PathAndQuery);
        var query = QueryOf(request);
        Assert.Equal("C# & \"async\" streams?", query["q"]);
        Assert.Equal("json", query["format"]);
        Assert.Equal("general,it", query["categories"]);
        Assert.False(query.ContainsKey("language"));
        Assert.Equal(UserAgent, request.Headers["User-Agent"]);
    }

    [Fact]
    public async Task The_domain_filter_is_applied_to_the_results()
    {
        await using var server = await Answering(Response);
        using var http = new HttpClient();

        var hits = await Provider(server.BaseAddress, http, web: WebSettings(include: ["rust-lang.org"], exclude: ["users.rust-lang.org"]))
            .SearchAsync("rust borrow checker", 10, CancellationToken.None);

        Assert.Equal("https://doc.rust-lang.org/book/ch04-02-references-and-borrowing.html", Assert.Single(hits).Location);
    }
}
