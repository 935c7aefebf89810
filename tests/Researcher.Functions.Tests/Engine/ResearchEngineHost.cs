using System.Net;
using System.Net.Sockets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Researcher.Core.Planning;
using Researcher.Core.Writing;
using Researcher.Core.Context;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Search;
using Researcher.Core.Workflow;
using Researcher.Functions.Activities;
using Researcher.Functions.Orchestration;
using Researcher.Testing;

namespace Researcher.Functions.Tests.Engine;

/// <summary>
/// The Functions app's own orchestrators and activities (every registration of
/// <see cref="DurableFunctionCatalog"/>) on the Durable Task SDK's in-process test host: the real
/// replay engine over its in-memory backend, reached through a real <see cref="DurableTaskClient"/>.
/// The activities run Core's step handlers over the given providers, an in-memory content store and
/// an in-memory event log. Worker and client share one System.Text.Json data converter.
/// </summary>
internal sealed class ResearchEngineHost : IAsyncDisposable
{
    /// <summary>The one data converter of worker and client: the SDK's System.Text.Json converter, as the hosts use.</summary>
    public static readonly DataConverter Converter = JsonDataConverter.Default;

    private readonly DurableTaskTestHost host;
    private readonly CancellationTokenSource stopping;

    private ResearchEngineHost(DurableTaskTestHost host, CancellationTokenSource stopping, InMemoryContentStore content, InMemoryEventLog events)
    {
        this.host = host;
        this.stopping = stopping;
        Content = content;
        Events = events;
    }

    public DurableTaskClient Client => host.Client;

    public IServiceProvider Services => host.Services;

    public InMemoryContentStore Content { get; }

    public InMemoryEventLog Events { get; }

    /// <summary>
    /// Starts the engine with the app's orchestrators and activities over <paramref name="providers"/>;
    /// <paramref name="orchestrators"/>, when given, replaces the catalog's orchestrators (same names, same workflows, observed);
    /// <paramref name="index"/>, when given, the documents index's options (how long one PrepareSources step waits).
    /// </summary>
    public static async Task<ResearchEngineHost> StartAsync(
        ResearchProviders providers, IReadOnlyList<OrchestratorRegistration>? orchestrators = null, DocumentIndexOptions? index = null)
    {
        var content = new InMemoryContentStore();
        var events = new InMemoryEventLog();
        // Offline, learnings come from the passages and follow-ups are planned over the providers' search.
        var planning = Options.Create(new ExtractivePlanningOptions());
        var extractiveLearnings = new ExtractiveLearningExtractor(
            new ExtractivePlanner(providers.Search, planning), Options.Create(new ExtractiveWritingOptions()), planning);
        var activities = new ResearchActivities(new ResearchStepHandlers(
            providers.Planner, providers.Search, providers.Reader, providers.Selector, providers.Writer, content, events, new NoProgressNotifier(),
            providers.NoteTaker ?? new NoNoteTaker(), providers.LearningExtractor ?? extractiveLearnings, extractiveLearnings,
            new SearchPreparation(providers.Search, Options.Create(index ?? new DocumentIndexOptions()), TimeProvider.System)));
        var stopping = new CancellationTokenSource();

        var host = await DurableTaskTestHost.StartAsync(
            registry =>
            {
                foreach (var orchestrator in orchestrators ?? DurableFunctionCatalog.Orchestrators)
                    registry.AddOrchestrator(orchestrator.Name, () => orchestrator.Orchestrator);
                foreach (var activity in DurableFunctionCatalog.Activities(activities, stopping.Token))
                    registry.AddActivity(activity.Name, _ => activity.Activity);
            },
            new DurableTaskTestHostOptions
            {
                Port = FreeLoopbackPort(),
                // Worker and client both take the DataConverter service when none is set on their options.
                ConfigureServices = services => services.AddSingleton(Converter),
            });
        return new ResearchEngineHost(host, stopping, content, events);
    }

    /// <summary>Starts a Standard research of <paramref name="question"/> with the default limits; its instance id is its research id.</summary>
    public Task<string> StartResearchAsync(string question, CancellationToken cancellationToken) =>
        StartResearchAsync(Spec(question), cancellationToken);

    /// <summary>Starts a research of <paramref name="spec"/>; its instance id is its research id.</summary>
    public async Task<string> StartResearchAsync(ResearchSpec spec, CancellationToken cancellationToken)
    {
        var researchId = Guid.NewGuid().ToString("N");
        await Client.ScheduleNewOrchestrationInstanceAsync(
            ResearchWorkflows.Standard, new ResearchInput(researchId, spec), new StartOrchestrationOptions(researchId), cancellationToken);
        return researchId;
    }

    /// <summary>Waits (event-driven, no polling) until the research's orchestration has ended, with its inputs and outputs.</summary>
    public Task<OrchestrationMetadata> WaitForEndAsync(string researchId, CancellationToken cancellationToken) =>
        Client.WaitForInstanceCompletionAsync(researchId, getInputsAndOutputs: true, cancellationToken);

    /// <summary>The spec a request with only a question gets (the default limits).</summary>
    public static ResearchSpec Spec(string question)
    {
        var limits = new ResearchLimits();
        return new ResearchSpec(question, ReportType.ResearchReport, limits.DefaultSubQuestions, limits.DefaultSourcesPerSubQuestion,
            limits.MaxPassagesPerSubQuestion, limits.MaxPassageCharactersPerSubQuestion);
    }

    /// <summary>The spec of a deep research of <paramref name="question"/> with this tree and the default limits otherwise.</summary>
    public static ResearchSpec DeepSpec(string question, int breadth, int depth)
    {
        var limits = new ResearchLimits();
        return Spec(question) with
        {
            ReportType = ReportType.DeepReport,
            MaxSubQuestions = breadth,
            Deep = new DeepResearchSettings(breadth, depth, limits.DefaultDeepSources, limits.DefaultDeepMinutes, limits.MaxConcurrentBranches),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await host.DisposeAsync();
        stopping.Dispose();
    }

    /// <summary>A port free on the loopback interface now (the host's own pick is random and may collide with a parallel test's).</summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
