using Microsoft.Extensions.DependencyInjection;
using Researcher.Functions.Http;

namespace Researcher.Functions;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>Registers what the Functions app adds to the engine: the HTTP API's limits, bound from <c>Research:Api</c>.</summary>
    public static IServiceCollection AddResearchFunctions(this IServiceCollection services)
    {
        services.AddOptions<ResearchApiOptions>()
            .BindConfiguration(ResearchApiOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
