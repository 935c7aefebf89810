using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Researcher.Core;
using Researcher.Core.Api;
using Researcher.Core.Progress;
using Researcher.Core.Storage;
using Researcher.Functions.Http;
using Researcher.Functions.Live;

namespace Researcher.Functions.Hosting;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>The app setting the SignalR Service bindings read their connection from (their default).</summary>
    public const string SignalRConnectionSetting = "AzureSignalRConnectionString";

    /// <summary>
    /// Registers what the Functions app adds to the engine: the identity its HTTP functions read callers
    /// with (<c>Research:Identity</c>, validated at start-up), the security headers of every answer (whose
    /// policy admits the SignalR Service endpoint of <see cref="SignalRConnectionSetting"/>), the web client's files (web/ beside the app),
    /// and the queue notifier in place of Core's silent one, on the storage of <c>AzureWebJobsStorage</c>
    /// (where the host's queue trigger listens: a connection string or an identity-based connection), its
    /// client from the Azure client factory.
    /// </summary>
    public static IServiceCollection AddFunctionsHost(this IServiceCollection services)
    {
        services.AddValidatedOptions<FunctionsIdentityOptions>(FunctionsIdentityOptions.SectionName);
        services.AddSingleton<AppServiceCallers>();
        services.AddSingleton(sp => new SecurityHeaders(SignalRServiceEndpoint(sp.GetRequiredService<IConfiguration>())));
        services.AddSingleton(new WebClientFiles(WebClientFiles.DefaultFolder));
        services.AddAzureClients(clients =>
            clients.AddClient<QueueServiceClient, QueueClientOptions>((options, credential, sp) =>
                    NoticeConnection(sp).UsesIdentity
                        ? new QueueServiceClient(NoticeConnection(sp).ServiceUri(StorageService.Queue), credential, options)
                        : new QueueServiceClient(NoticeConnection(sp).ConnectionString, options))
                .WithName(QueueProgressNotifier.ConnectionSetting)
                .WithCredential(sp => NoticeConnection(sp).CreateCredential(sp.GetRequiredService<AzureComponentFactory>()))
                .ConfigureOptions(options => QueueProgressNotifier.WithNoticeEncoding(options)));
        services.Replace(ServiceDescriptor.Singleton<IProgressNotifier>(sp => new QueueProgressNotifier(QueueProgressNotifier.CreateQueue(
            sp.GetRequiredService<IAzureClientFactory<QueueServiceClient>>().CreateClient(QueueProgressNotifier.ConnectionSetting)))));
        return services;
    }

    /// <summary>
    /// What the content security policy is given for the SignalR Service: the connection string of
    /// <see cref="SignalRConnectionSetting"/>, or, for an identity-based connection (which has no string, only
    /// <c>AzureSignalRConnectionString__serviceUri</c> with <c>__credential</c> and <c>__clientId</c>), that endpoint
    /// in the connection string's form; null when neither is set.
    /// </summary>
    public static string? SignalRServiceEndpoint(IConfiguration configuration)
    {
        var section = configuration.GetSection(SignalRConnectionSetting);
        if (!string.IsNullOrWhiteSpace(section.Value))
            return section.Value;
        var serviceUri = section["serviceUri"];
        return string.IsNullOrWhiteSpace(serviceUri) ? null : $"Endpoint={serviceUri.Trim()};";
    }

    private static StorageConnection NoticeConnection(IServiceProvider services) =>
        StorageConnection.FromSetting(services.GetRequiredService<IConfiguration>(), QueueProgressNotifier.ConnectionSetting);
}
