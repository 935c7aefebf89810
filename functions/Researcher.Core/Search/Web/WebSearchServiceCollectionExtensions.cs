using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Researcher.Core.Reading;
using Researcher.Core.Web;

namespace Researcher.Core.Search.Web;

public static class WebSearchServiceCollectionExtensions
{
    /// <summary>
    /// Makes <see cref="SearchSourceOptions"/> decide the research's <see cref="ISearchProvider"/> and
    /// <see cref="ISourceReader"/>: the documents folder alone by default; otherwise the chosen web
    /// provider (or a <see cref="HybridSearchProvider"/> of several). Web locations are always read
    /// through the SSRF-safe <see cref="WebPageReader"/> (a research may list its pages), local ones
    /// from the folder. Only the chosen
    /// providers' settings are checked at start-up, so a key nobody uses is never asked for.
    /// </summary>
    public static IServiceCollection AddSearchSources(this IServiceCollection services)
    {
        services.AddValidatedOptions<SearchSourceOptions>(SearchSourceOptions.SectionName)
            .Validate<IServiceProvider>((choice, provider) =>
            {
                // Reading a chosen provider's options validates them; a failure names the setting.
                // An unknown name is the data annotations' to report.
                foreach (var name in choice.Chosen().Where(SearchSourceOptions.Providers.Contains))
                    _ = OptionsOf(provider, name);
                return true;
            });
        services.AddOptions<WebSearchOptions>().BindConfiguration(WebSearchOptions.SectionName).ValidateDataAnnotations();
        services.AddOptions<SearxngOptions>().BindConfiguration(SearxngOptions.SectionName).ValidateDataAnnotations();
        services.AddOptions<TavilyOptions>().BindConfiguration(TavilyOptions.SectionName).ValidateDataAnnotations();
        services.AddOptions<BraveOptions>().BindConfiguration(BraveOptions.SectionName).ValidateDataAnnotations();
        services.AddOptions<WikipediaOptions>().BindConfiguration(WikipediaOptions.SectionName).ValidateDataAnnotations();
        services.AddOptions<ArxivOptions>().BindConfiguration(ArxivOptions.SectionName).ValidateDataAnnotations();
        services.AddOptions<DuckDuckGoOptions>().BindConfiguration(DuckDuckGoOptions.SectionName).ValidateDataAnnotations();
        services.AddWebFetching();
        services.AddProviderHttpClients();

        services.AddSingleton<ISearchProvider>(provider =>
        {
            var chosen = provider.GetRequiredService<IOptions<SearchSourceOptions>>().Value.Chosen();
            var providers = chosen.Select(name => Create(provider, name)).ToList();
            return providers.Count == 1
                ? providers[0]
                : new HybridSearchProvider(providers, provider.GetService<ILogger<HybridSearchProvider>>());
        });
        services.AddSingleton<LocalDocumentReader>();
        services.AddSingleton<WebPageReader>();
        // Web locations are read whatever the search: a research limited to listed pages reads them with the local search too.
        services.AddSingleton<ISourceReader>(provider =>
            new WebOrLocalSourceReader(provider.GetRequiredService<WebPageReader>(), provider.GetRequiredService<LocalDocumentReader>()));
        return services;
    }

    private static object OptionsOf(IServiceProvider provider, string name) => name switch
    {
        SearchSourceOptions.Local => provider.GetRequiredService<IOptions<LocalSearchOptions>>().Value,
        "searxng" => provider.GetRequiredService<IOptions<SearxngOptions>>().Value,
        "tavily" => provider.GetRequiredService<IOptions<TavilyOptions>>().Value,
        "brave" => provider.GetRequiredService<IOptions<BraveOptions>>().Value,
        "wikipedia" => provider.GetRequiredService<IOptions<WikipediaOptions>>().Value,
        "arxiv" => provider.GetRequiredService<IOptions<ArxivOptions>>().Value,
        "duckduckgo" => provider.GetRequiredService<IOptions<DuckDuckGoOptions>>().Value,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a search provider"),
    };

    private static ISearchProvider Create(IServiceProvider provider, string name)
    {
        if (name == SearchSourceOptions.Local)
            return provider.GetRequiredService<LocalDocumentIndex>();
        // One client per provider: its concurrency, retries and Retry-After pauses are shared by every research.
        var http = provider.GetRequiredService<ProviderHttpClients>().For(name);
        var web = provider.GetRequiredService<IOptions<WebSearchOptions>>();
        return name switch
        {
            "searxng" => new SearxngSearchProvider(http, provider.GetRequiredService<IOptions<SearxngOptions>>(), web),
            "tavily" => new TavilySearchProvider(http, provider.GetRequiredService<IOptions<TavilyOptions>>(), web),
            "brave" => new BraveSearchProvider(http, provider.GetRequiredService<IOptions<BraveOptions>>(), web),
            "wikipedia" => new WikipediaSearchProvider(http, provider.GetRequiredService<IOptions<WikipediaOptions>>(), web),
            "arxiv" => new ArxivSearchProvider(http, provider.GetRequiredService<IOptions<ArxivOptions>>(), web),
            "duckduckgo" => new DuckDuckGoHtmlSearchProvider(http, provider.GetRequiredService<IOptions<DuckDuckGoOptions>>(), web),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a search provider"),
        };
    }
}
