using System.Collections.Concurrent;
using System.Diagnostics;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging.Abstractions;
using Researcher.LocalHost.Engine;

namespace Researcher.Benchmarks;

/// <summary>
/// The engine's own cost per step, with steps that do nothing: one orchestration calling a no-op
/// activity <c>steps</c> times in sequence, and one running <c>batches</c> fan-outs of
/// <c>fanOut</c> no-op activities. The worker is the local host's: a TaskHubWorker over
/// AzureStorageOrchestrationService with <see cref="DurableEngineOptions"/>' defaults (a task hub of
/// its own), orchestrators and activities through the Durable Task SDK's shims, the host's JSON
/// converter.
/// </summary>
public static class EngineOverheadBenchmark
{
    private const string SequenceName = "BenchSequence";
    private const string FanOutName = "BenchFanOut";
    private const string NoopName = "BenchNoop";

    public static async Task RunAsync(string connectionString, int steps, int batches, int fanOut, Report report)
    {
        var options = new DurableEngineOptions();
        var started = new ConcurrentDictionary<string, long>();
        var batchScheduled = new ConcurrentDictionary<int, long>();
        var batchDone = new ConcurrentDictionary<int, long>();

        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = "BenchOverhead" + Guid.NewGuid().ToString("N")[..12],
            PartitionCount = options.PartitionCount,
            WorkerId = "bench-overhead",
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            WorkItemQueueVisibilityTimeout = options.WorkItemVisibilityTimeout,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            LeaseInterval = options.LeaseInterval,
            LoggerFactory = NullLoggerFactory.Instance,
        });
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = EngineDataConverter.Sdk }, NullLoggerFactory.Instance);

        var sequence = FuncTaskOrchestrator.Create<int, int>(async (context, count) =>
        {
            for (var i = 0; i < count; i++)
                await context.CallActivityAsync<string>(NoopName, $"s{i}");
            return count;
        });
        var fan = FuncTaskOrchestrator.Create<int[], int>(async (context, shape) =>
        {
            var (count, width) = (shape[0], shape[1]);
            for (var b = 0; b < count; b++)
            {
                if (!context.IsReplaying) batchScheduled.TryAdd(b, Stopwatch.GetTimestamp());
                await Task.WhenAll(Enumerable.Range(0, width).Select(i => context.CallActivityAsync<string>(NoopName, $"f{b}.{i}")));
                if (!context.IsReplaying) batchDone.TryAdd(b, Stopwatch.GetTimestamp());
            }
            return count;
        });
        // The step records when it started (the first run of each input: a redelivery keeps the first time) and returns at once.
        var noop = FuncTaskActivity.Create<string, string>((_, key) =>
        {
            started.TryAdd(key, Stopwatch.GetTimestamp());
            return Task.FromResult(key);
        });

        var worker = new TaskHubWorker(service, NullLoggerFactory.Instance);
        worker.AddTaskOrchestrations(
            new Creator<TaskOrchestration>(SequenceName, () => shims.CreateOrchestration(SequenceName, sequence)),
            new Creator<TaskOrchestration>(FanOutName, () => shims.CreateOrchestration(FanOutName, fan)));
        worker.AddTaskActivities(new Creator<TaskActivity>(NoopName, () => shims.CreateActivity(NoopName, noop)));
        var client = new TaskHubClient(service, EngineDataConverter.Core, NullLoggerFactory.Instance);

        var hubStart = Stopwatch.GetTimestamp();
        await service.CreateIfNotExistsAsync();
        await worker.StartAsync();
        report.Add("1. Engine overhead", "task hub created and worker started", Report.S(Stats.Elapsed(hubStart)));
        try
        {
            // Sequence.
            var scheduledAt = Stopwatch.GetTimestamp();
            var instance = await client.CreateOrchestrationInstanceAsync(SequenceName, "", "seq-" + Guid.NewGuid().ToString("N"), steps);
            var state = await client.WaitForOrchestrationAsync(instance, TimeSpan.FromMinutes(5));
            var finishedAt = Stopwatch.GetTimestamp();
            if (state?.OrchestrationStatus != OrchestrationStatus.Completed)
                throw new InvalidOperationException($"The sequence orchestration ended {state?.OrchestrationStatus}: {state?.Output}");
            var starts = Enumerable.Range(0, steps).Select(i => started[$"s{i}"]).ToArray();
            var gaps = Enumerable.Range(1, steps - 1).Select(i => Stats.Milliseconds(starts[i - 1], starts[i])).ToList();
            var quarter = Math.Max(1, gaps.Count / 4);
            report.Add("1. Engine overhead", $"sequence of {steps} no-op steps: step to step, p50", Report.Ms(Stats.Percentile(gaps, 50)),
                "one activity's start to the next one's start");
            report.Add("1. Engine overhead", $"sequence of {steps} no-op steps: step to step, p99", Report.Ms(Stats.Percentile(gaps, 99)),
                $"max {Report.Ms(gaps.Max())}");
            report.Add("1. Engine overhead", $"sequence: median of the first {quarter} / last {quarter} gaps",
                $"{Report.Ms(Stats.Median(gaps.Take(quarter).ToList()))} / {Report.Ms(Stats.Median(gaps.TakeLast(quarter).ToList()))}",
                "first and last quarter of the sequence (the history replayed at each step grows along it)");
            report.Add("1. Engine overhead", "sequence: scheduled to first step / to last step",
                $"{Report.Ms(Stats.Milliseconds(scheduledAt, starts[0]))} / {Report.S(Stats.Seconds(scheduledAt, starts[^1]))}",
                $"from the client's create call; WaitForOrchestration returned after {Report.S(Stats.Seconds(scheduledAt, finishedAt))}");

            // Fan-out.
            var fanInstance = await client.CreateOrchestrationInstanceAsync(FanOutName, "", "fan-" + Guid.NewGuid().ToString("N"), new[] { batches, fanOut });
            var fanState = await client.WaitForOrchestrationAsync(fanInstance, TimeSpan.FromMinutes(5));
            if (fanState?.OrchestrationStatus != OrchestrationStatus.Completed)
                throw new InvalidOperationException($"The fan-out orchestration ended {fanState?.OrchestrationStatus}: {fanState?.Output}");
            var batchTimes = Enumerable.Range(0, batches).Select(b => Stats.Milliseconds(batchScheduled[b], batchDone[b])).ToList();
            report.Add("1. Engine overhead", $"fan-out of {fanOut} no-op steps ({batches} batches): schedule to all done, p50",
                Report.Ms(Stats.Percentile(batchTimes, 50)), "orchestrator schedules the batch to the orchestrator resuming after Task.WhenAll");
            report.Add("1. Engine overhead", $"fan-out of {fanOut}: schedule to all done, p99", Report.Ms(Stats.Percentile(batchTimes, 99)),
                $"max {Report.Ms(batchTimes.Max())}");
        }
        finally
        {
            await worker.StopAsync(isForced: true);
            worker.Dispose();
            await service.DeleteAsync();
        }
    }

    private sealed class Creator<T> : ObjectCreator<T>
    {
        private readonly Func<T> create;

        public Creator(string name, Func<T> create)
        {
            Name = name;
            Version = "";
            this.create = create;
        }

        public override T Create() => create();
    }
}
