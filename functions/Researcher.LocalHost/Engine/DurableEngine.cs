using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Options;
using Researcher.Core.Storage;
using Researcher.Functions.Activities;
using Researcher.Functions.Orchestration;

namespace Researcher.LocalHost.Engine;

/// <summary>
/// The Durable Task engine of the local host: DurableTask.Core's worker and client over
/// DurableTask.AzureStorage (the backend Durable Functions uses) on the research storage account,
/// running the Functions app's own orchestrators and activities through the Durable Task SDK's
/// shims. Everything a research is lives in the task hub, so a host killed mid-research resumes it
/// when it (or another host of the task hub) starts: completed steps are not run again, the step
/// that was in flight runs once more.
/// </summary>
public sealed class DurableEngine : IHostedService, IAsyncDisposable
{
    private readonly DurableEngineOptions settings;
    private readonly string connectionString;
    private readonly ResearchActivities activities;
    private readonly IHostApplicationLifetime lifetime;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger<DurableEngine> logger;
    private readonly SemaphoreSlim restarting = new(1, 1);
    private Running current;

    public DurableEngine(
        IOptions<DurableEngineOptions> options,
        IOptions<ResearchStorageOptions> storage,
        ResearchActivities activities,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggerFactory)
    {
        settings = options.Value;
        connectionString = storage.Value.ConnectionString;
        this.activities = activities;
        this.lifetime = lifetime;
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<DurableEngine>();
        current = Create();
    }

    /// <summary>The client of this engine's task hub: start, read and signal researches.</summary>
    public TaskHubClient Client => current.Client;

    /// <summary>Creates the task hub's queues and tables when missing, then starts taking work.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await current.Service.CreateIfNotExistsAsync();
        await current.Worker.StartAsync();
        logger.LogInformation("Durable Task engine started: task hub {TaskHub}, worker {WorkerId}, {Partitions} partitions.",
            settings.TaskHubName, settings.EffectiveWorkerId, settings.PartitionCount);
    }

    /// <summary>Stops taking work and lets the steps in flight finish; whatever remains is resumed by the next host.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await current.Worker.StopAsync(isForced: false).WaitAsync(cancellationToken);
        logger.LogInformation("Durable Task engine stopped: worker {WorkerId}.", settings.EffectiveWorkerId);
    }

    /// <summary>
    /// Replaces the worker with a new one over a new connection to the task hub, once storage is
    /// back after an outage. Work items the old worker held from before the outage carry queue
    /// receipts that storage may no longer accept (Azurite forgets them when it restarts), so the old
    /// worker could keep failing on them; the new one reads every message afresh. Nothing is lost:
    /// what the old worker had not finished is in the queues, and runs again.
    /// </summary>
    public async Task RestartWorkerAsync()
    {
        await restarting.WaitAsync();
        try
        {
            var replaced = current;
            await replaced.Worker.StopAsync(isForced: true);
            current = Create();
            await current.Worker.StartAsync();
            replaced.Worker.Dispose();
            logger.LogWarning("Durable Task engine restarted its worker after storage came back.");
        }
        finally
        {
            restarting.Release();
        }
    }

    /// <summary>Deletes the task hub's queues, tables and blobs (the command line's own hub, once its research has ended).</summary>
    public Task DeleteTaskHubAsync() => current.Service.DeleteAsync();

    public ValueTask DisposeAsync()
    {
        current.Worker.Dispose();
        restarting.Dispose();
        return ValueTask.CompletedTask;
    }

    private Running Create()
    {
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = settings.TaskHubName,
            PartitionCount = settings.PartitionCount,
            WorkerId = settings.EffectiveWorkerId,
            MaxConcurrentTaskActivityWorkItems = settings.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = settings.MaxConcurrentOrchestrations,
            WorkItemQueueVisibilityTimeout = settings.WorkItemVisibilityTimeout,
            ControlQueueVisibilityTimeout = settings.ControlQueueVisibilityTimeout,
            MaxQueuePollingInterval = settings.MaxQueuePollingInterval,
            LeaseInterval = settings.LeaseInterval,
            LoggerFactory = loggerFactory,
        });
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = EngineDataConverter.Sdk }, loggerFactory);
        var worker = new TaskHubWorker(service, loggerFactory);
        worker.AddTaskOrchestrations([.. DurableFunctionCatalog.Orchestrators.Select(o =>
            new ShimCreator<TaskOrchestration>(o.Name.Name, () => shims.CreateOrchestration(o.Name, o.Orchestrator)))]);
        worker.AddTaskActivities([.. DurableFunctionCatalog.Activities(activities, lifetime.ApplicationStopping).Select(a =>
            new ShimCreator<TaskActivity>(a.Name.Name, () => shims.CreateActivity(a.Name, a.Activity)))]);
        return new Running(service, worker, new TaskHubClient(service, EngineDataConverter.Core, loggerFactory));
    }

    private sealed record Running(AzureStorageOrchestrationService Service, TaskHubWorker Worker, TaskHubClient Client);
}
