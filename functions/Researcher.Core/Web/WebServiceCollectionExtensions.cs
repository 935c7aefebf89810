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
}
