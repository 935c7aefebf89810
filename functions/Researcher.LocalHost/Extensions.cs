using Researcher.Core;
using Researcher.Core.Api;
using Researcher.Core.Progress;
using Researcher.Core.Reading;
using Researcher.Core.Storage;
using Researcher.LocalHost.Api;
using Researcher.LocalHost.Cli;
using Researcher.LocalHost.Engine;
using Researcher.LocalHost.Live;
using Researcher.Functions.Activities;

namespace Researcher.LocalHost;

/// <summary>Everything the local host registers and serves, in one place.</summary>
public static class Extensions
{
    /// <summary>The folder of documents researched (read by the engine's local-document search).</summary>
    private const string DocumentsPathKey = $"{LocalDocumentsOptions.SectionName}:{nameof(LocalDocumentsOptions.Path)}";

    private const string TaskHubNameKey = $"{DurableEngineOptions.SectionName}:{nameof(DurableEngineOptions.TaskHubName)}";

    /// <summary>
    /// The HTTP host: engine, Azure storage, the Durable Task engine running the Functions app's
    /// orchestrations, the API, live progress through a SignalR hub, and the optional bearer identity.
    /// </summary>
    public static WebApplicationBuilder AddLocalHost(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddResearchEngine()
            .AddAzureResearchStorage()
            .AddDurableEngine()
            .AddLiveProgress(builder.Configuration)
            .AddLocalIdentity();
        return builder;
    }

    /// <summary>
    /// The command-line research: the same engine on a task hub of its own (<paramref name="taskHubName"/>),
    /// with report files under <paramref name="outputDirectory"/> and progress printed.
    /// </summary>
    public static HostApplicationBuilder AddCommandLineResearch(
        this HostApplicationBuilder builder, string? documentsPath, string outputDirectory, string taskHubName, TextWriter progressOutput)
    {
        var settings = new Dictionary<string, string?> { [TaskHubNameKey] = taskHubName };
        if (documentsPath is not null)
        {
            // A path typed on the command line is relative to the working directory.
            settings[DocumentsPathKey] = Path.GetFullPath(documentsPath);
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services
            .AddResearchEngine()
            .AddDurableEngine()
            .AddValidatedOptions<ResearchStorageOptions>(ResearchStorageOptions.SectionName).Services
            .AddSingleton(new FileContentStore(outputDirectory))
            .AddSingleton<IContentStore>(sp => sp.GetRequiredService<FileContentStore>())
            .AddSingleton<IEventLog>(new ConsoleEventLog(progressOutput));
        return builder;
    }

    /// <summary>The pipeline: JSON problems for every error, security headers, the web client, the research API and the hub.</summary>
    public static WebApplication UseLocalHost(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseProblemResponses();
        app.UseWebClient();
        app.MapResearchApi();
        app.MapLiveProgress();
        return app;
    }

    /// <summary>
    /// The Durable Task engine over <c>Research:Storage</c> (<c>Research:Engine</c> settings), the
    /// Functions app's activities it runs, and the research directory over its client.
    /// </summary>
    private static IServiceCollection AddDurableEngine(this IServiceCollection services)
    {
        services.AddValidatedOptions<DurableEngineOptions>(DurableEngineOptions.SectionName);
        // The engine's task hub is reached through Research:Storage:ConnectionString only; an identity-based
        // research storage (the Functions app's kind) would leave the engine on another account.
        services.AddOptions<ResearchStorageOptions>().Validate(storage => !storage.UsesIdentity,
            $"The local host runs its Durable Task engine on {ResearchStorageOptions.SectionName}:{nameof(ResearchStorageOptions.ConnectionString)}: " +
            $"leave {nameof(ResearchStorageOptions.AccountName)}, {nameof(ResearchStorageOptions.BlobServiceUri)} and {nameof(ResearchStorageOptions.TableServiceUri)} empty.");
        services.AddSingleton<ResearchActivities>();
        services.AddSingleton<DurableEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<DurableEngine>());
        services.AddHostedService<StorageWatch>();
        services.AddSingleton<IResearchDirectory, TaskHubResearchDirectory>();
        return services;
    }
}
