using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Researcher.Core.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>
    /// Registers the web reader: <see cref="WebFetchOptions"/> from <c>Research:Web:Fetch</c>
    /// (validated at start-up) and one <see cref="SafeHttpFetcher"/>, also as <see cref="IWebFetcher"/>,
    /// holding its own <see cref="HttpClient"/> for the life of the host so connections are pooled.
    /// </summary>
    public static IServiceCollection AddWebFetching(this IServiceCollection services)
    {
        services.AddValidatedOptions<WebFetchOptions>(WebFetchOptions.SectionName);
        services.TryAddSingleton(provider => new SafeHttpFetcher(provider.GetRequiredService<IOptions<WebFetchOptions>>()));
        services.TryAddSingleton<IWebFetcher>(provider => provider.GetRequiredService<SafeHttpFetcher>());
        return services;
    }

    /// <summary>
    /// Registers <see cref="ProviderHttpClients"/>, one for the host, with <see cref="ProviderRequestOptions"/>
    /// from <c>Research:Providers</c> (validated at start-up), so every provider family that calls an
    /// API (search, the language model) shares its limits. Registering it again does nothing.
    /// </summary>
    public static IServiceCollection AddProviderHttpClients(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(ProviderHttpClients)))
            return services;
        services.AddValidatedOptions<ProviderRequestOptions>(ProviderRequestOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ProviderHttpClients>();
        return services;
    }
}
