using System.Net;
using Microsoft.Extensions.Options;
using Researcher.Core.Search;
using Researcher.Core.Search.Web;
using static Researcher.Core.Tests.Search.Web.WebSearchTestSupport;

namespace Researcher.Core.Tests.Search.Web;

/// <summary>How every web provider reports a failed call: status, Retry-After, malformed bodies, no secrets.</summary>
public sealed class WebSearchFailureTests
{
    private const string SecretKey = "sk-secret-0123456789";

    public static TheoryData<string> Providers => ["SearXNG", "Tavily", "Brave", "Wikipedia", "arXiv", "DuckDuckGo"];

    private static ISearchProvider Create(string provider, Uri baseAddress, HttpClient http) => provider switch
    {
        "SearXNG" => new SearxngSearchProvider(http, Options.Create(new SearxngOptions { BaseUrl = baseAddress.ToString() }), WebSettings()),
        "Tavily" => new TavilySearchProvider(http, Options.Create(new TavilyOptions { BaseUrl = baseAddress.ToString(), ApiKey = SecretKey }), WebSettings()),
        "Brave" => new BraveSearchProvider(http, Options.Create(new BraveOptions { BaseUrl = baseAddress.ToString(), ApiKey = SecretKey }), WebSettings()),
        "Wikipedia" => new WikipediaSearchProvider(http, Options.Create(new WikipediaOptions { BaseUrl = baseAddress.ToString() }), WebSettings()),
        "arXiv" => new ArxivSearchProvider(http, Options.Create(new ArxivOptions { BaseUrl = baseAddress.ToString() }), WebSettings()),
        "DuckDuckGo" => new DuckDuckGoHtmlSearchProvider(http, Options.Create(new DuckDuckGoOptions { BaseUrl = baseAddress.ToString() }), WebSettings()),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rate_limiting_throws_with_the_retry_after_delay(string provider)
    {
        await using var server = await Failing(429, retryAfter: "7");
        using var http = new HttpClient();

        var exception = await Assert.ThrowsAsync<SearchProviderException>(
            () => Create(provider, server.BaseAddress, http).SearchAsync("quantum error correction", 5, CancellationToken.None));

        Assert.Equal(provider, exception.Provider);
        Assert.Equal(HttpStatusCode.TooManyRequests, exception.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), exception.RetryAfter);
        Assert.True(exception.IsTransient);
        AssertClean(exception);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_server_error_throws_with_the_status(string provider)
    {
        await using var server = await Failing(500);
        using var http = new HttpClient();

        var exception = await Assert.ThrowsAsync<SearchProviderException>(
            () => Create(provider, server.BaseAddress, http).SearchAsync("quantum error correction", 5, CancellationToken.None));

        Assert.Equal(HttpStatusCode.InternalServerError, exception.StatusCode);
        Assert.Null(exception.RetryAfter);
        Assert.Contains("500", exception.Message);
        AssertClean(exception);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_refused_key_throws_without_the_key(string provider)
    {
        await using var server = await Failing(401, body: $"{{\"error\":\"invalid key {SecretKey}\"}}");
        using var http = new HttpClient();

        var exception = await Assert.ThrowsAsync<SearchProviderException>(
            () => Create(provider, server.BaseAddress, http).SearchAsync("quantum error correction", 5, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, exception.StatusCode);
        Assert.False(exception.IsTransient);
        AssertClean(exception);
    }

    [Theory]
    [InlineData("SearXNG")]
    [InlineData("Tavily")]
    [InlineData("Brave")]
    [InlineData("Wikipedia")]
    [InlineData("arXiv")]
    public async Task A_malformed_body_throws_a_provider_exception_without_parser_text(string provider)
    {
        await using var server = await Answering("{\"results\": [ {\"url\": \"https://example.com\", secret-body-text <feed>");
        using var http = new HttpClient();

        var exception = await Assert.ThrowsAsync<SearchProviderException>(
            () => Create(provider, server.BaseAddress, http).SearchAsync("quantum error correction", 5, CancellationToken.None));

        Assert.Equal(provider, exception.Provider);
        Assert.Null(exception.StatusCode);
        Assert.Null(exception.InnerException);
        Assert.Matches("not valid (JSON|XML)", exception.Message);
        AssertClean(exception);
    }

    [Theory]
    [InlineData("SearXNG")]
    [InlineData("Tavily")]
    [InlineData("Wikipedia")]
    public async Task Json_without_the_results_list_throws(string provider)
    {
        await using var server = await Answering("{\"unexpected\": true}");
        using var http = new HttpClient();

        var exception = await Assert.ThrowsAsync<SearchProviderException>(
            () => Create(provider, server.BaseAddress, http).SearchAsync("quantum error correction", 5, CancellationToken.None));

        Assert.Contains("no", exception.Message);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_blank_query_or_no_results_wanted_sends_nothing(string provider)
    {
        await using var server = await Failing(500);
        using var http = new HttpClient();
        var search = Create(provider, server.BaseAddress, http);

        Assert.Empty(await search.SearchAsync("   ", 5, CancellationToken.None));
        Assert.Empty(await search.SearchAsync("quantum", 0, CancellationToken.None));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Retry_after_as_an_http_date_is_the_time_until_then()
    {
        var now = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

        var later = WebSearchHttp.RetryAfter(new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(90)), now);
        var past = WebSearchHttp.RetryAfter(new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(-5)), now);

        Assert.Equal(TimeSpan.FromSeconds(90), later);
        Assert.Equal(TimeSpan.Zero, past);
        Assert.Null(WebSearchHttp.RetryAfter(null, now));
    }

    [Fact]
    public async Task Retry_after_sent_as_an_http_date_is_read()
    {
        await using var server = await Failing(429, retryAfter: DateTimeOffset.UtcNow.AddHours(1).ToString("R"));
        using var http = new HttpClient();

        var exception = await Assert.ThrowsAsync<SearchProviderException>(
            () => Create("Brave", server.BaseAddress, http).SearchAsync("quantum", 5, CancellationToken.None));

        Assert.NotNull(exception.RetryAfter);
        Assert.True(exception.RetryAfter > TimeSpan.Zero);
    }

    [Fact]
    public async Task No_answer_at_all_throws_a_transient_provider_exception()
    {
        Uri closed;
        await using (var server = await Failing(500)) closed = server.BaseAddress;
        using var http = new HttpClient();

        var exception = await Assert.ThrowsAsync<SearchProviderException>(
            () => Create("Tavily", closed, http).SearchAsync("quantum", 5, CancellationToken.None));

        Assert.Null(exception.StatusCode);
        Assert.True(exception.IsTransient);
        AssertClean(exception);
    }

    private static void AssertClean(SearchProviderException exception)
    {
        Assert.DoesNotContain(SecretKey, exception.ToString());
        Assert.DoesNotContain("secret-body-text", exception.ToString());
        Assert.DoesNotContain("quantum", exception.Message);
    }
}
