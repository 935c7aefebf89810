using System.Text.Json;
using Microsoft.Extensions.Options;
using Researcher.Core.Search.Web;
using static Researcher.Core.Tests.Search.Web.WebSearchTestSupport;

namespace Researcher.Core.Tests.Search.Web;

public sealed class TavilySearchProviderTests
{
    private const string ApiKey = "tvly-dev-abcdef123456";

    private const string Response = """
        {
          "query": "lithium iron phosphate cycle life",
          "follow_up_questions": null,
          "answer": null,
          "images": [],
          "results": [
            {"title": "LFP batteries explained", "url": "https://www.energy.example.com/lfp",
             "content": "LFP cells reach 3,000&ndash;6,000 cycles &amp; more.", "score": 0.91, "raw_content": null},
            {"title": "Cycle life study", "url": "https://journal.example.org/articles/123", "content": "Capacity fade after 2000 cycles.", "score": 0.83},
            {"title": "Missing content", "url": "https://wiki.example.net/LFP", "score": 0.52},
            {"title": "Duplicate of the first", "url": "https://WWW.energy.example.com/lfp/", "content": "dup", "score": 0.40},
            {"title": "No url", "content": "skipped", "score": 0.99}
          ],
          "response_time": 1.27
        }
        """;

    private static TavilySearchProvider Provider(Uri baseAddress, HttpClient http, IOptions<WebSearchOptions>? web = null) =>
        new(http, Options.Create(new TavilyOptions { BaseUrl = baseAddress.ToString(), ApiKey = ApiKey, SearchDepth = "advanced" }), web ?? WebSettings());

    [Fact]
    public async Task Results_are_parsed_with_scores_scaled_to_the_best()
    {
        await using var server = await Answering(Response);
        using var http = new HttpClient();

        var hits = await Provider(server.BaseAddress, http).SearchAsync("lithium iron phosphate cycle life", 10, CancellationToken.None);

        Assert.Equal(["https://www.energy.example.com/lfp", "https://journal.example.org/articles/123", "https://wiki.example.net/LFP"],
            hits.Select(hit => hit.Location));
        Assert.Equal("LFP cells reach 3,000–6,000 cycles & more.", hits[0].Snippet);
        Assert.Equal("", hits[2].Snippet);
        Assert.Equal(1.0, hits[0].Score);
        Assert.Equal(0.83 / 0.91, hits[1].Score, 6);
        Assert.True(hits[1].Score > hits[2].Score);
    }

    [Fact]
    public async Task At_most_max_results_are_returned()
    {
        await using var server = await Answering(Response);
        using var http = new HttpClient();

        var hits = await Provider(server.BaseAddress, http).SearchAsync("lfp", 1, CancellationToken.None);

        Assert.Equal("https://www.energy.example.com/lfp", Assert.Single(hits).Location);
    }

    [Fact]
    public async Task The_request_posts_json_with_the_bearer_key_and_the_domain_lists()
    {
        await using var server = await Answering(Response);
        using var http = new HttpClient();

        await Provider(server.BaseAddress, http, WebSettings(include: ["example.com", "*.example.org"], exclude: ["https://spam.example.com/x"]))
            .SearchAsync("lithium \"iron\" phosphate", 4, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/search", request.PathAndQuery);
        Assert.Equal($"Bearer {ApiKey}", request.Headers["Authorization"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("lithium \"iron\" phosphate", root.GetProperty("query").GetString());
        Assert.InRange(root.GetProperty("max_results").GetInt32(), 4, 20);
        Assert.Equal("advanced", root.GetProperty("search_depth").GetString());
        Assert.Equal(["example.com", "example.org"], root.GetProperty("include_domains").EnumerateArray().Select(item => item.GetString()));
        Assert.Equal(["spam.example.com"], root.GetProperty("exclude_domains").EnumerateArray().Select(item => item.GetString()));
        Assert.DoesNotContain(ApiKey, request.Body);
    }

    [Fact]
    public async Task Results_outside_the_domain_lists_are_dropped_even_if_tavily_returns_them()
    {
        await using var server = await Answering(Response);
        using var http = new HttpClient();

        var hits = await Provider(server.BaseAddress, http, WebSettings(include: ["example.com", "example.org"]))
            .SearchAsync("lfp", 10, CancellationToken.None);

        Assert.Equal(["https://www.energy.example.com/lfp", "https://journal.example.org/articles/123"], hits.Select(hit => hit.Location));
    }
}
