using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Researcher.Core.Search.Web;
using static Researcher.Core.Tests.Search.Web.WebSearchTestSupport;

namespace Researcher.Core.Tests.Search.Web;

public sealed class WebSearchOptionsTests
{
    private static bool IsValid(object options) =>
        Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true);

    [Fact]
    public void The_defaults_are_valid_except_where_a_key_is_required()
    {
        Assert.True(IsValid(new WebSearchOptions()));
        Assert.True(IsValid(new SearxngOptions()));
        Assert.True(IsValid(new WikipediaOptions()));
        Assert.True(IsValid(new ArxivOptions()));
        Assert.True(IsValid(new DuckDuckGoOptions()));
        Assert.False(IsValid(new TavilyOptions()));
        Assert.False(IsValid(new BraveOptions()));
        Assert.True(IsValid(new TavilyOptions { ApiKey = "tvly-x" }));
    }

    [Fact]
    public void Bad_settings_are_rejected()
    {
        Assert.False(IsValid(new TavilyOptions { ApiKey = "k", SearchDepth = "deep" }));
        Assert.False(IsValid(new SearxngOptions { BaseUrl = "not a url" }));
        Assert.False(IsValid(new WikipediaOptions { Language = "en.evil.com/" }));
        Assert.False(IsValid(new WebSearchOptions { SnippetCharacters = 5 }));
    }

    [Fact]
    public async Task Snippets_are_cut_at_a_word_to_the_configured_length()
    {
        var words = string.Join(" ", Enumerable.Repeat("tidal", 60));
        await using var server = await Answering($$"""{"results": [{"url": "https://a.example/", "title": "t", "content": "{{words}}"}]}""");
        using var http = new HttpClient();
        var provider = new SearxngSearchProvider(http, Options.Create(new SearxngOptions { BaseUrl = server.BaseAddress.ToString() }),
            WebSettings(snippetCharacters: 50));

        var snippet = Assert.Single(await provider.SearchAsync("tides", 5, CancellationToken.None)).Snippet;

        Assert.True(snippet.Length <= 50);
        Assert.EndsWith("tidal…", snippet);
    }
}
