using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Researcher.Core.Reading;
using Researcher.Core.Search;
using Researcher.Core.Search.Web;
using Researcher.Core.Tests.Support;
using Researcher.Core.Web;
using Researcher.Testing;

namespace Researcher.Core.Tests.Search;

/// <summary>
/// <c>Research:Search:Provider</c> decides what the engine searches and how it reads: the documents
/// folder by default; a web provider (or several, hybrid) with the web reader; and the host refuses
/// to start when the chosen provider's settings are missing, and only then.
/// </summary>
public sealed class SearchSourcesTests : IDisposable
{
    private readonly TestCorpus corpus = new();

    [Fact]
    public void By_default_the_engine_searches_the_documents_folder_and_reads_listed_pages_through_the_web_reader()
    {
        using var provider = Engine();

        Assert.IsType<LocalDocumentIndex>(provider.GetRequiredService<ISearchProvider>());
        // A research may list its own pages (sourceUrls), so web locations are read whatever the search.
        Assert.IsType<WebOrLocalSourceReader>(provider.GetRequiredService<ISourceReader>());
    }

    [Theory]
    [InlineData("wikipedia", typeof(WikipediaSearchProvider))]
    [InlineData("arxiv", typeof(ArxivSearchProvider))]
    [InlineData("duckduckgo", typeof(DuckDuckGoHtmlSearchProvider))]
    [InlineData("SearXNG", typeof(SearxngSearchProvider))]
    public void A_web_provider_searches_the_web_and_its_pages_are_read_through_the_web_reader(string name, Type expected)
    {
        using var provider = Engine(("Research:Search:Provider", name));

        Assert.IsType(expected, provider.GetRequiredService<ISearchProvider>());
        Assert.IsType<WebOrLocalSourceReader>(provider.GetRequiredService<ISourceReader>());
    }

    [Fact]
    public void A_keyed_provider_with_its_key_is_chosen()
    {
        using var provider = Engine(("Research:Search:Provider", "tavily"), ("Research:Search:Tavily:ApiKey", "tvly-test"));

        Assert.IsType<TavilySearchProvider>(provider.GetRequiredService<ISearchProvider>());
    }

    [Fact]
    public void Hybrid_search_merges_the_documents_folder_and_the_web()
    {
        using var provider = Engine(("Research:Search:Provider", "hybrid"),
            ("Research:Search:HybridProviders:0", "local"), ("Research:Search:HybridProviders:1", "wikipedia"));

        Assert.IsType<HybridSearchProvider>(provider.GetRequiredService<ISearchProvider>());
        Assert.IsType<WebOrLocalSourceReader>(provider.GetRequiredService<ISourceReader>());
    }

    [Theory]
    [InlineData("ApiKey", "Research:Search:Provider", "tavily")]
    [InlineData("ApiKey", "Research:Search:Provider", "brave")]
    [InlineData("Research:Search:Provider must be one of", "Research:Search:Provider", "bing")]
    [InlineData("at least two", "Research:Search:Provider", "hybrid")]
    public void A_chosen_provider_without_what_it_needs_stops_the_host_naming_the_setting(string named, string key, string value)
    {
        using var provider = Engine((key, value));

        var invalid = Assert.ThrowsAny<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(named, string.Join(" ", invalid.Failures));
    }

    [Fact]
    public void A_provider_that_is_not_chosen_is_never_asked_for_its_key()
    {
        using var provider = Engine(("Research:Search:Provider", "wikipedia"));

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    private ServiceProvider Engine(params (string Key, string Value)[] settings) => EngineServices.Build(corpus.Root, settings);

    public void Dispose() => corpus.Dispose();
}
