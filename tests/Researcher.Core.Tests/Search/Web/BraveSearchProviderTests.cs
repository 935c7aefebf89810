using Microsoft.Extensions.Options;
using Researcher.Core.Search.Web;
using static Researcher.Core.Tests.Search.Web.WebSearchTestSupport;

namespace Researcher.Core.Tests.Search.Web;

public sealed class BraveSearchProviderTests
{
    private const string ApiKey = "BSA-subscription-token-xyz";

    private const string Response = """
        {
          "type": "search",
          "query": {"original": "heat pump efficiency", "more_results_available": true},
          "mixed": {"type": "mixed", "main": [{"type": "web", "index": 0, "all": false}]},
          "web": {
            "type": "search",
            "family_friendly": true,
            "results": [
              {"title": "Heat pumps &amp; COP", "url": "https://www.energy.example.gov/heat-pumps", "is_source_local": false,
               "description": "A <strong>heat pump</strong>&#39;s efficiency is its coefficient of performance.", "page_age": "2024-01-10T00:00:00", "language": "en"},
              {"title": "Cold climate heat pumps", "url": "https://research.example.edu/ccashp", "description": "Field data from &quot;cold&quot; regions."},
              {"title": "No description", "url": "https://forum.example.com/t/1"},
              {"title": "No url at all", "description": "skipped"},
              {"title": "Repeat", "url": "https://www.energy.example.gov/heat-pumps", "description": "again"}
            ]
          }
        }
        """;

    private static BraveSearchProvider Provider(Uri baseAddress, HttpClient http) =>
        new(http, Options.Create(new BraveOptions { BaseUrl = baseAddress.ToString(), ApiKey = ApiKey }), WebSettings());

    [Fact]
    public async Task Web_results_are_parsed_and_scored_by_rank()
    {
        await using var server = await Answering(Response);
        using var http = new HttpClient();

        var hits = await Provider(server.BaseAddress, http).SearchAsync("heat pump efficiency", 10, CancellationToken.None);

        Assert.Equal(["https://www.energy.example.gov/heat-pumps", "https://research.example.edu/ccashp", "https://forum.example.com/t/1"],
            hits.Select(hit => hit.Location));
        Assert.Equal("Heat pumps & COP", hits[0].Title);
        Assert.Equal("A heat pump's efficiency is its coefficient of performance.", hits[0].Snippet);
        Assert.Equal("Field data from \"cold\" regions.", hits[1].Snippet);
        Assert.Equal([1.0, 0.5, 1.0 / 3], hits.Select(hit => hit.Score));
    }

    [Fact]
    public async Task At_most_max_results_are_returned()
    {
        await using var server = await Answering(Response);
        using var http = new HttpClient();

        var hits = await Provider(server.BaseAddress, http).SearchAsync("heat pump efficiency", 2, CancellationToken.None);

        Assert.Equal(2, hits.Count);
    }

    [Fact]
    public async Task The_request_carries_the_subscription_token_and_an_encoded_query()
    {
        await using var server = await Answering(Response);
        using var http = new HttpClient();

        await Provider(server.BaseAddress, http).SearchAsync("heat pump + COP/SCOP", 8, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/res/v1/web/search", PathOf(request));
        Assert.Contains("q=heat%20pump%20%2B%20COP%2FSCOP", request.PathAndQuery);
        var query = QueryOf(request);
        Assert.Equal("heat pump + COP/SCOP", query["q"]);
        Assert.InRange(int.Parse(query["count"]), 8, 20);
        Assert.Equal(ApiKey, request.Headers["X-Subscription-Token"]);
        Assert.Contains("application/json", request.Headers["Accept"]);
        Assert.DoesNotContain(ApiKey, request.PathAndQuery);
    }

    [Fact]
    public async Task A_response_without_web_results_is_an_empty_list()
    {
        await using var server = await Answering("""{"type": "search", "query": {"original": "zzzz"}, "mixed": {"main": []}}""");
        using var http = new HttpClient();

        Assert.Empty(await Provider(server.BaseAddress, http).SearchAsync("zzzz", 5, CancellationToken.None));
    }
}
