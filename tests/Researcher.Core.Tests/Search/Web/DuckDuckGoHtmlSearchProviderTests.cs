using Microsoft.Extensions.Options;
using Researcher.Core.Search.Web;
using static Researcher.Core.Tests.Search.Web.WebSearchTestSupport;

namespace Researcher.Core.Tests.Search.Web;

public sealed class DuckDuckGoHtmlSearchProviderTests
{
    private const string Page = """
        <!DOCTYPE html>
        <html><head><title>tide tables at DuckDuckGo</title></head>
        <body>
        <div class="serp__results"><div id="links" class="results">
          <div class="result results_links results_links_deep result--ad">
            <div class="links_main links_deep result__body">
              <h2 class="result__title"><a rel="nofollow" class="result__a" href="https://duckduckgo.com/y.js?ad_domain=ads.example.com&amp;u3=x">Sponsored tides</a></h2>
              <a class="result__snippet" href="#">Buy now</a>
            </div>
          </div>
          <div class="result results_links results_links_deep web-result">
            <div class="links_main links_deep result__body">
              <h2 class="result__title">
                <a rel="nofollow" class="result__a" href="//duckduckgo.com/l/?uddg=https%3A%2F%2Ftides.example.org%2Fport%3Fid%3D42%26units%3Dm&amp;rut=abc123">Tide  Tables &amp; Charts</a>
              </h2>
              <a class="result__snippet" href="//duckduckgo.com/l/?uddg=https%3A%2F%2Ftides.example.org%2Fport">High &amp; low <b>tide</b> times for&nbsp;today.</a>
            </div>
          </div>
          <div class="result results_links results_links_deep web-result">
            <div class="links_main links_deep result__body">
              <h2 class="result__title"><a rel="nofollow" class="result__a" href="https://noaa.example.gov/tides">NOAA tides</a></h2>
            </div>
          </div>
          <div class="result results_links results_links_deep web-result">
            <div class="links_main links_deep result__body">
              <h2 class="result__title"><a rel="nofollow" class="result__a" href="//duckduckgo.com/l/?uddg=https%3A%2F%2Ftides.example.org%2Fport%3Fid%3D42%26units%3Dm">Same page again</a></h2>
              <a class="result__snippet">dup</a>
            </div>
          </div>
          <div class="result results_links results_links_deep web-result">
            <div class="links_main links_deep result__body">
              <h2 class="result__title"><a rel="nofollow" class="result__a">No href</a></h2>
            </div>
          </div>
          <div class="result results_links results_links_deep web-result">
            <div class="links_main links_deep result__body">
              <h2 class="result__title"><a rel="nofollow" class="result__a" href="https://surf.example.com/forecast">Surf forecast</a></h2>
              <a class="result__snippet" href="https://surf.example.com/forecast">Swell &amp; tide.</a>
            </div>
          </div>
        </div></div>
        </body></html>
        """;

    private static DuckDuckGoHtmlSearchProvider Provider(Uri baseAddress, HttpClient http) =>
        new(http, Options.Create(new DuckDuckGoOptions { BaseUrl = baseAddress.ToString(), Region = "uk-en" }), WebSettings());

    [Fact]
    public async Task Results_are_read_from_the_page_with_redirects_unwrapped_and_ads_skipped()
    {
        await using var server = await Answering(Page, "text/html; charset=utf-8");
        using var http = new HttpClient();

        var hits = await Provider(server.BaseAddress, http).SearchAsync("tide tables", 10, CancellationToken.None);

        Assert.Equal(["https://tides.example.org/port?id=42&units=m", "https://noaa.example.gov/tides", "https://surf.example.com/forecast"],
            hits.Select(hit => hit.Location));
        Assert.Equal("Tide Tables & Charts", hits[0].Title);
        Assert.Equal("High & low tide times for today.", hits[0].Snippet);
        Assert.Equal("", hits[1].Snippet);
        Assert.Equal([1.0, 0.5, 1.0 / 3], hits.Select(hit => hit.Score));
    }

    [Fact]
    public async Task At_most_max_results_are_returned()
    {
        await using var server = await Answering(Page, "text/html");
        using var http = new HttpClient();

        Assert.Equal(2, (await Provider(server.BaseAddress, http).SearchAsync("tide tables", 2, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task The_query_is_posted_as_a_form()
    {
        await using var server = await Answering(Page, "text/html");
        using var http = new HttpClient();

        await Provider(server.BaseAddress, http).SearchAsync("tide & \"moon\" phases", 5, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/html/", request.PathAndQuery);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"]);
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.Body);
        Assert.Equal("tide & \"moon\" phases", form["q"].ToString());
        Assert.Equal("uk-en", form["kl"].ToString());
        Assert.Equal(UserAgent, request.Headers["User-Agent"]);
    }

    [Theory]
    [InlineData("//duckduckgo.com/l/?uddg=https%3A%2F%2Fexample.com%2Fa%20b%3Fx%3D1&rut=f00", "https://example.com/a%20b?x=1")]
    [InlineData("https://duckduckgo.com/l/?kh=-1&uddg=http%3A%2F%2Fexample.org%2F", "http://example.org/")]
    [InlineData("https://example.net/direct", "https://example.net/direct")]
    [InlineData("https://duckduckgo.com/y.js?ad_domain=x", null)]
    [InlineData("//duckduckgo.com/l/?rut=only", null)]
    [InlineData("", null)]
    public void Redirect_links_are_unwrapped(string href, string? expected) =>
        Assert.Equal(expected, DuckDuckGoHtmlSearchProvider.Target(href));

    [Fact]
    public async Task A_bot_check_page_throws_instead_of_returning_nothing()
    {
        const string challenge = """
            <html><body><div class="anomaly-modal__modal"><form id="challenge-form" action="//duckduckgo.com/anomaly.js">
            <div class="anomaly-modal__title">Unfortunately, bots use DuckDuckGo too.</div></form></div></body></html>
            """;
        await using var server = await Answering(challenge, "text/html");
        using var http = new HttpClient();

        var exception = await Assert.ThrowsAsync<SearchProviderException>(
            () => Provider(server.BaseAddress, http).SearchAsync("tide tables", 5, CancellationToken.None));

        Assert.Contains("bot check", exception.Message);
    }

    [Fact]
    public async Task A_page_without_results_is_an_empty_list()
    {
        await using var server = await Answering("<html><body><div class=\"no-results\">No results.</div></body></html>", "text/html");
        using var http = new HttpClient();

        Assert.Empty(await Provider(server.BaseAddress, http).SearchAsync("zzqqxx", 5, CancellationToken.None));
    }
}
