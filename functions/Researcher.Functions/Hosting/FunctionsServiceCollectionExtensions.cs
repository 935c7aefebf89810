using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Researcher.Core;
using Researcher.Core.Api;
using Researcher.Core.Progress;
using Researcher.Functions.Http;
using Researcher.Functions.Live;

namespace Researcher.Functions.Hosting;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>The app setting the SignalR Service bindings read their connection string from (their default).</summary>
    public const string SignalRConnectionSetting = "AzureSignalRConnectionString";

    /// <summary>
    /// Registers what the Functions app adds to the engine: the identity its HTTP functions read callers
    /// with (<c>Research:Identity</c>, validated at start-up), the security headers of every answer (whose
    /// policy admits the SignalR Service endpoint of <see cref="SignalRConnectionSetting"/>), the web client's files (web/ beside the app),
    /// and the queue notifier in place of Core's silent one, on the storage of <c>AzureWebJobsStorage</c>
    /// (where the host's queue trigger listens; a connection string).
    /// </summary>
    public static IServiceCollection AddFunctionsHost(this IServiceCollection services)
    {
        services.AddValidatedOptions<FunctionsIdentityOptions>(FunctionsIdentityOptions.SectionName);
        services.AddSingleton<AppServiceCallers>();
        services.AddSingleton(sp => new SecurityHeaders(sp.GetRequiredService<IConfiguration>()[SignalRConnectionSetting]));
        services.AddSingleton(new WebClientFiles(WebClientFiles.DefaultFolder));
        services.Replace(ServiceDescriptor.Singleton<IProgressNotifier>(sp =>
        {
            var connectionString = sp.GetRequiredService<IConfiguration>()[QueueProgressNotifier.ConnectionSetting];
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException(
                    $"{QueueProgressNotifier.ConnectionSetting} must be a storage connection string: live progress enqueues its notices there.");
            return new QueueProgressNotifier(QueueProgressNotifier.CreateQueue(connectionString));
        }));
        return services;
    }
}
