using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Researcher.Core;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Reading;
using Researcher.Core.Storage;
using Researcher.LocalHost.Api;
using Researcher.LocalHost.Cli;
using Researcher.LocalHost.Execution;
using Researcher.LocalHost.Runner;
using Researcher.LocalHost.State;

namespace Researcher.LocalHost;

/// <summary>Everything the local host registers and serves, in one place.</summary>
public static class Extensions
{
    /// <summary>The folder of documents researched (read by the engine's local-document search).</summary>
    private const string DocumentsPathKey = $"{LocalDocumentsOptions.SectionName}:{nameof(LocalDocumentsOptions.Path)}";

    /// <summary>The HTTP host: engine, Azure storage, runner, research state, background execution and API settings.</summary>
    public static WebApplicationBuilder AddLocalHost(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddResearchEngine()
            .AddAzureResearchStorage()
            .AddLocalRunner()
            .AddResearchState()
            .AddResearchExecution()
            .AddResearchApi();
        return builder;
    }

    /// <summary>The command-line research: engine and runner, with report files under <paramref name="outputDirectory"/> and progress printed.</summary>
    public static HostApplicationBuilder AddCommandLineResearch(
        this HostApplicationBuilder builder, string? documentsPath, string outputDirectory, TextWriter progressOutput)
    {
        if (documentsPath is not null)
        {
            // A path typed on the command line is relative to the working directory.
            builder.Configuration.AddInMemoryCollection([new(DocumentsPathKey, Path.GetFullPath(documentsPath))]);
        }
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services
            .AddResearchEngine()
            .AddLocalRunner()
            .AddSingleton(new FileContentStore(outputDirectory))
            .AddSingleton<IContentStore>(sp => sp.GetRequiredService<FileContentStore>())
            .AddSingleton<IEventLog>(new ConsoleEventLog(progressOutput));
        return builder;
    }

    /// <summary>The pipeline: JSON problems for every error, security headers, the web client and the research API.</summary>
    public static WebApplication UseLocalHost(this WebApplication app)
    {
        app.UseProblemResponses();
        app.UseSecurityHeaders();
        app.MapWebClient();
        app.MapResearchApi();
        return app;
    }

    public static IServiceCollection AddLocalRunner(this IServiceCollection services)
    {
        services.AddValidatedOptions<LocalRunnerOptions>(LocalRunnerOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => StepCatalog.ForResearch(sp.GetRequiredService<Core.Workflow.ResearchStepHandlers>()));
        services.AddSingleton(BranchCatalog.ForResearch());
        services.AddSingleton<LocalWorkflowRunner>();
        return services;
    }

    private static IServiceCollection AddResearchState(this IServiceCollection services)
    {
        services.AddValidatedOptions<ResearchStateOptions>(ResearchStateOptions.SectionName);
        services.AddSingleton(sp => new TableResearchStore(
            new TableClient(
                sp.GetRequiredService<IOptions<ResearchStorageOptions>>().Value.ConnectionString,
                sp.GetRequiredService<IOptions<ResearchStateOptions>>().Value.TableName),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IResearchStore>(sp => sp.GetRequiredService<TableResearchStore>());
        return services;
    }

    private static IServiceCollection AddResearchExecution(this IServiceCollection services)
    {
        services.AddValidatedOptions<ResearchExecutionOptions>(ResearchExecutionOptions.SectionName);
        services.AddSingleton<ResearchExecutor>();
        services.AddHostedService(sp => sp.GetRequiredService<ResearchExecutor>());
        return services;
    }

    private static IServiceCollection AddResearchApi(this IServiceCollection services)
    {
        // Typed results (Ok, Accepted) serialize with the contract's JSON shape.
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = ResearchJson.Options.PropertyNamingPolicy;
            json.SerializerOptions.DefaultIgnoreCondition = ResearchJson.Options.DefaultIgnoreCondition;
            json.SerializerOptions.UnmappedMemberHandling = ResearchJson.Options.UnmappedMemberHandling;
            foreach (var converter in ResearchJson.Options.Converters)
                json.SerializerOptions.Converters.Add(converter);
        });
        return services;
    }
}
