using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Researcher.Core.Context;
using Researcher.Core.Contracts;
using Researcher.Core.Embeddings;
using Researcher.Core.Llm;
using Researcher.Core.Planning;
using Researcher.Core.Progress;
using Researcher.Core.Reading;
using Researcher.Core.Search;
using Researcher.Core.Search.Web;
using Researcher.Core.Text;
using Researcher.Core.Workflow;
using Researcher.Core.Writing;

namespace Researcher.Core;

public static class ResearchServiceCollectionExtensions
{
    /// <summary>
    /// Registers the research engine both hosts share: request and HTTP API limits, validation, the step
    /// handlers, the HTTP flow, live progress (no live subscribers unless the host registers its own <see cref="IProgressNotifier"/>), and the offline providers (local-document search, extractive planner, passage
    /// selection and writer), replaced by the language-model planner and writer when <c>Research:Llm:Provider</c> is set. Storage is registered separately (AddAzureResearchStorage).
    /// </summary>
    public static IServiceCollection AddResearchEngine(this IServiceCollection services)
    {
        services.AddValidatedOptions<ResearchLimits>(ResearchLimits.SectionName);
        services.AddValidatedOptions<ResearchApiOptions>(ResearchApiOptions.SectionName);
        services.AddValidatedOptions<LiveProgressOptions>(LiveProgressOptions.SectionName);
        services.TryAddSingleton<IProgressNotifier, NoProgressNotifier>();
        services.AddSingleton(sp =>
        {
            var llm = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            return new ResearchRequestReader(
                sp.GetRequiredService<IOptions<ResearchLimits>>().Value, new ResearchCapabilities(llm.IsEnabled, llm.IsPriced, llm.Currency));
        });
        services.AddSingleton<ResearchStepHandlers>();
        services.AddSingleton<Api.ResearchEndpoints>();
        services.TryAddSingleton<ITokenCounter>(TiktokenTokenCounter.Instance);
        AddOfflineProviders(services);
        AddLanguageModelProviders(services);
        return services;
    }

    /// <summary>
    /// The language model (<c>Research:Llm</c>): when a provider is set, the research is planned by
    /// <see cref="LlmResearchPlanner"/> (fast model), the report written by
    /// <see cref="LlmReportWriter"/> (smart model), a deep research's learnings extracted by
    /// <see cref="LlmLearningExtractor"/> (fast model), and passages ranked with the embedding model too
    /// when one is set (else with the local model, as offline); without one, by the extractive
    /// planner and writer, exactly as offline. The choice is made when the planner, writer or selector is first resolved, from the
    /// bound options, so the clients are built only when a provider is configured.
    /// </summary>
    private static void AddLanguageModelProviders(IServiceCollection services)
    {
        services.AddLlmProviders();
        services.AddSingleton<IPassageSelector>(sp => new RankedPassageSelector(
            sp.GetRequiredService<IOptions<PassageSelectionOptions>>(),
            sp.GetRequiredService<ITokenCounter>(),
            (LlmEnabled(sp) ? sp.GetRequiredService<ResearchModels>().Embeddings : null) ?? sp.GetRequiredService<LocalEmbeddings>().Generator));
        services.AddSingleton<IResearchPlanner>(sp => LlmEnabled(sp)
            ? new LlmResearchPlanner(sp.GetRequiredService<ISearchProvider>(), sp.GetRequiredService<ResearchModels>().Fast)
            : sp.GetRequiredService<ExtractivePlanner>());
        services.AddSingleton<IReportWriter>(sp => LlmEnabled(sp)
            ? new LlmReportWriter(
                sp.GetRequiredService<ResearchModels>().Smart, sp.GetRequiredService<ITokenCounter>(),
                sp.GetRequiredService<IOptions<LlmOptions>>(), sp.GetRequiredService<ExtractiveReportWriter>())
            : sp.GetRequiredService<ExtractiveReportWriter>());
        services.AddSingleton<ISourceNoteTaker>(sp => LlmEnabled(sp)
            ? new LlmNoteTaker(sp.GetRequiredService<ResearchModels>().Fast, sp.GetRequiredService<ITokenCounter>(), sp.GetRequiredService<IOptions<LlmOptions>>())
            : new NoNoteTaker());
        services.AddSingleton<ILearningExtractor>(sp => LlmEnabled(sp)
            ? new LlmLearningExtractor(sp.GetRequiredService<ResearchModels>().Fast, sp.GetRequiredService<ITokenCounter>(), sp.GetRequiredService<IOptions<LlmOptions>>())
            : sp.GetRequiredService<ExtractiveLearningExtractor>());
    }

    private static bool LlmEnabled(IServiceProvider services) => services.GetRequiredService<IOptions<LlmOptions>>().Value.IsEnabled;

    /// <summary>
    /// The offline engine: search and reading over the documents folder (<c>Research:Documents</c>,
    /// which must name an existing folder; relative to the app's folder; its index kept as
    /// <c>Research:Index</c> says, with the local embedding model of <c>Research:Embeddings</c>), or over the web when
    /// <c>Research:Search:Provider</c> chooses a web search provider, extractive planning and writing,
    /// and the passage selection's options, each section validated at start-up.
    /// </summary>
    private static void AddOfflineProviders(IServiceCollection services)
    {
        services.AddValidatedOptions<LocalDocumentsOptions>(LocalDocumentsOptions.SectionName)
            .PostConfigure(options => options.Path = options.ResolvePath(AppContext.BaseDirectory))
            .Validate(options => Directory.Exists(options.Path),
                $"{LocalDocumentsOptions.SectionName}:Path must name an existing folder of documents.");
        services.AddValidatedOptions<LocalSearchOptions>(LocalSearchOptions.SectionName);
        services.AddValidatedOptions<ExtractivePlanningOptions>(ExtractivePlanningOptions.SectionName);
        services.AddValidatedOptions<PassageSelectionOptions>(PassageSelectionOptions.SectionName);
        services.AddValidatedOptions<ExtractiveWritingOptions>(ExtractiveWritingOptions.SectionName);
        services.AddValidatedOptions<LocalEmbeddingOptions>(LocalEmbeddingOptions.SectionName);
        services.AddValidatedOptions<DocumentIndexOptions>(DocumentIndexOptions.SectionName);

        services.AddSingleton<LocalDocumentFolder>();
        services.AddSingleton<LocalEmbeddings>();
        services.AddSingleton(sp => new LocalDocumentIndex(
            sp.GetRequiredService<LocalDocumentFolder>(),
            sp.GetRequiredService<IOptions<LocalSearchOptions>>(),
            sp.GetRequiredService<ILogger<LocalDocumentIndex>>(),
            sp.GetRequiredService<IOptions<DocumentIndexOptions>>().Value,
            sp.GetRequiredService<LocalEmbeddings>().Generator,
            sp.GetRequiredService<IOptions<PassageSelectionOptions>>().Value.MaxPassageCharacters));
        services.AddHostedService<DocumentIndexWarmUp>();
        services.AddSearchSources();
        services.AddSingleton<SearchPreparation>();
        services.AddSingleton(sp => new ExtractivePlanner(sp.GetRequiredService<ISearchProvider>(),
            sp.GetRequiredService<IOptions<ExtractivePlanningOptions>>(), sp.GetRequiredService<LocalEmbeddings>().Generator));
        services.AddSingleton(sp => new ExtractiveReportWriter(
            sp.GetRequiredService<IOptions<ExtractiveWritingOptions>>(), sp.GetRequiredService<LocalEmbeddings>().Generator));
        services.AddSingleton<ExtractiveLearningExtractor>();
    }
}
