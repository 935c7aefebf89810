using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Researcher.Core.Storage;

namespace Researcher.LocalHost.Engine;

/// <summary>
/// Watches the storage account the engine runs on: a cheap request every
/// <see cref="DurableEngineOptions.StorageProbeInterval"/>, with no retries. When storage answers
/// again after it could not be reached, the engine restarts its worker
/// (<see cref="DurableEngine.RestartWorkerAsync"/>), so researches in flight continue once storage is back.
/// </summary>
public sealed class StorageWatch(
    DurableEngine engine, IOptions<DurableEngineOptions> options, IOptions<ResearchStorageOptions> storage, ILogger<StorageWatch> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.StorageProbeInterval;
        var queues = new QueueServiceClient(storage.Value.ConnectionString, new QueueClientOptions
        {
            Retry = { MaxRetries = 0, NetworkTimeout = interval },
        });
        var unreachableSince = (DateTimeOffset?)null;
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await queues.GetPropertiesAsync(stoppingToken);
            }
            catch (Exception ex) when (StorageFaults.IsUnavailable(ex) || ex is OperationCanceledException && !stoppingToken.IsCancellationRequested)
            {
                if (unreachableSince is null)
                    logger.LogWarning("Storage cannot be reached; researches wait until it is back.");
                unreachableSince ??= DateTimeOffset.UtcNow;
                continue;
            }

            if (unreachableSince is { } since)
            {
                logger.LogWarning("Storage is back after {Seconds:F0} s.", (DateTimeOffset.UtcNow - since).TotalSeconds);
                unreachableSince = null;
                await engine.RestartWorkerAsync();
            }
        }
    }
}
