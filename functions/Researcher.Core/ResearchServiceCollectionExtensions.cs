using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Researcher.Core.Context;
using Researcher.Core.Contracts;
using Researcher.Core.Planning;
using Researcher.Core.Progress;
using Researcher.Core.Reading;
using Researcher.Core.Search;
using Researcher.Core.Search.Web;
using Researcher.Core.Workflow;
using Researcher.Core.Writing;

namespace Researcher.Core;

public static class ResearchServiceCollectionExtensions
{
    /// <summary>
    /// Registers the research engine both hosts share: request and HTTP API limits, validation, the step
    /// handlers, the HTTP flow, live progress (no live subscribers unless the host registers its own <see cref="IProgressNotifier"/>), and the offline providers (local-document search, extractive planner, passage
    /// selection and writer). Storage is registered separately (AddAzureResearchStorage).
    /// </summary>
    public static IServiceCollection AddResearchEngine(this IServiceCollection services)
    {
        services.AddValidatedOptions<ResearchLimits>(ResearchLimits.SectionName);
        services.AddValidatedOptions<ResearchApiOptions>(ResearchApiOptions.SectionName);
        services.AddValidatedOptions<LiveProgressOptions>(LiveProgressOptions.SectionName);
        services.TryAddSingleton<IProgressNotifier, NoProgressNotifier>();
        services.AddSingleton(sp => new ResearchRequestReader(sp.GetRequiredService<IOptions<ResearchLimits>>().Value));
        services.AddSingleton<ResearchStepHandlers>();
        services.AddSingleton<Api.ResearchEndpoints>();
        AddOfflineProviders(services);
        return services;
    }

    /// <summary>
    /// The offline engine: search and reading over the documents folder (<c>Research:Documents</c>,
    /// which must name an existing folder; relative to the app's folder), or over the web when
    /// <c>Research:Search:Provider</c> chooses a web search provider, extractive planning, ranked passage selection and
    /// extractive writing, each with its options section, all validated at start-up.
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

        services.AddSingleton<LocalDocumentFolder>();
        services.AddSingleton<LocalDocumentIndex>();
        services.AddHostedService<DocumentIndexWarmUp>();
        services.AddSearchSources();
        services.AddSingleton<IResearchPlanner, ExtractivePlanner>();
        services.AddSingleton<IPassageSelector, RankedPassageSelector>();
        services.AddSingleton<IReportWriter, ExtractiveReportWriter>();
    }
}
