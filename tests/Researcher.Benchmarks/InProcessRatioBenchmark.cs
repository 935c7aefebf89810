using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Researcher.Benchmarks.Infrastructure;
using Researcher.Core.Contracts;
using Researcher.Core.Workflow;
using Researcher.LocalHost;
using Researcher.LocalHost.Engine;
using Researcher.Testing;

namespace Researcher.Benchmarks;

/// <summary>
/// One research on the engine against the same research with no engine. (a) The local host
/// application in this process (LocalHostApplication.Create on the benchmark's Azurite, a task hub,
/// container and table of its own): POST /api/research, then GET its status every 50 ms until it is
/// completed. (b) The same question and spec through StandardResearchWorkflow.RunAsync over
/// <see cref="DirectResearchContext"/>, with the step handlers of that same host (warm index, same
/// storage). One warm-up of each, then <c>runs</c> of each, alternating.
/// </summary>
public static class InProcessRatioBenchmark
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task RunAsync(
        string connectionString, string label, string documentsPath, string question, int? maxSubQuestions, int? maxSources, int runs, Report report)
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        var app = LocalHostApplication.Create(["http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Research:Storage:ConnectionString"] = connectionString,
                ["Research:Storage:ContainerName"] = $"bench-inproc-{unique}",
                ["Research:Storage:EventsTableName"] = $"EventsInproc{unique}",
                ["Research:Engine:TaskHubName"] = $"BenchInproc{unique}",
                ["Research:Engine:WorkerId"] = "bench-inproc",
                ["Research:Documents:Path"] = documentsPath,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:DurableTask"] = "Warning",
            });
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            var api = new ResearchApi(http);
            var handlers = app.Services.GetRequiredService<ResearchStepHandlers>();
            var reader = app.Services.GetRequiredService<ResearchRequestReader>();
            var slots = new SemaphoreSlim(app.Services.GetRequiredService<IOptions<DurableEngineOptions>>().Value.MaxConcurrentActivities);
            var spec = reader.Validate(new ResearchRequest(question, null, maxSubQuestions, maxSources)).Spec
                ?? throw new InvalidOperationException("The benchmark's request is invalid.");

            var engineWall = new List<double>();
            var engineServer = new List<double>();
            var direct = new List<double>();
            var stepCount = 0;
            var branchCount = 0;
            for (var run = 0; run <= runs; run++)
            {
                var (wall, server) = await OnEngineAsync(api, question, maxSubQuestions, maxSources);
                var (alone, context) = await DirectAsync(handlers, spec, slots);
                if (run == 0) continue; // warm-up
                engineWall.Add(wall);
                engineServer.Add(server);
                direct.Add(alone);
                (stepCount, branchCount) = (context.StepCount, context.BranchCount);
            }

            var section = $"2. Engine vs in process ({label})";
            var (wallMedian, serverMedian, directMedian) = (Stats.Median(engineWall), Stats.Median(engineServer), Stats.Median(direct));
            report.Add(section, "research shape", $"{stepCount} steps, {branchCount} branches",
                $"sub-questions {spec.MaxSubQuestions}, sources {spec.MaxSourcesPerSubQuestion}; steps include {ResearchSteps.RecordProgress.Name}");
            report.Add(section, $"on the engine: client wall, median of {runs}", Report.S(wallMedian),
                $"POST to status completed (polled every {PollInterval.TotalMilliseconds:F0} ms); runs {string.Join(", ", engineWall.Select(Report.S))}");
            report.Add(section, $"on the engine: createdAt to updatedAt, median of {runs}", Report.S(serverMedian),
                $"runs {string.Join(", ", engineServer.Select(Report.S))}");
            report.Add(section, $"in process, no engine: median of {runs}", Report.S(directMedian),
                $"runs {string.Join(", ", direct.Select(Report.S))}");
            report.Add(section, "ratio engine / in process", $"{Report.N(wallMedian / directMedian)}x (client) / {Report.N(serverMedian / directMedian)}x (createdAt to updatedAt)",
                $"difference {Report.S(wallMedian - directMedian)} per research");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<(double Wall, double Server)> OnEngineAsync(ResearchApi api, string question, int? maxSubQuestions, int? maxSources)
    {
        var start = Stopwatch.GetTimestamp();
        var id = await api.StartAsync(question, maxSubQuestions, maxSources);
        var (status, seenAt) = await api.WaitForEndAsync(id, PollInterval, TimeSpan.FromMinutes(5));
        if (status.Status != "completed")
            throw new InvalidOperationException($"Research {id} on the engine ended {status.Status}: {status.Failure}");
        return (Stats.Seconds(start, seenAt), status.ServerDuration.TotalSeconds);
    }

    private static async Task<(double Seconds, DirectResearchContext Context)> DirectAsync(ResearchStepHandlers handlers, ResearchSpec spec, SemaphoreSlim slots)
    {
        var id = ResearchIds.New();
        var context = new DirectResearchContext(id, handlers, slots);
        var start = Stopwatch.GetTimestamp();
        var outcome = await StandardResearchWorkflow.RunAsync(context, new ResearchInput(id, spec));
        var seconds = Stats.Elapsed(start);
        if (outcome.Status != ResearchRuntimeStatus.Completed)
            throw new InvalidOperationException($"Research {id} in process ended {outcome.Status}: {outcome.Failure?.Reason}");
        return (seconds, context);
    }
}
