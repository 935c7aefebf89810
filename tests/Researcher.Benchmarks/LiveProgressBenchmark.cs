using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Researcher.Benchmarks.Infrastructure;
using Researcher.Benchmarks.Live;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.LocalHost;
using Researcher.LocalHost.Live;

namespace Researcher.Benchmarks;

/// <summary>
/// Live progress through the local host's own SignalR hub, with the host in this process
/// (LocalHostApplication.Create on a free loopback port, the benchmark's Azurite, a task hub,
/// container and table of its own, the shipped docs/). (a) Latency from the event log's append
/// returning (stamped by a decorator of the host's IEventLog) to the <c>progress</c> handler of a
/// .NET SignalR client over WebSockets (stamped on the same Stopwatch), for one research at a time
/// and for many at once, each research with a connection of its own subscribed through
/// <c>POST /api/research/{id}/subscribe</c>; every research's appends wait until its connection is
/// subscribed, so each connection should receive all of its research's events, in order. (b) How many
/// messages one hub delivers per second: IHubContext&lt;ResearchHub&gt; sends a real event to K
/// subscribed connections in groups, one sender per group awaiting each send, until all arrived.
/// (c) Optionally, (a) for one research in headless Chromium (<see cref="BrowserLatency"/>).
/// </summary>
public static class LiveProgressBenchmark
{
    public const string Question = "My connection dropped for a while. How do I get the progress updates I missed?";
    private static readonly TimeSpan ResearchBound = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StatusBound = TimeSpan.FromSeconds(30);
    private const string EngineVisibilityTimeout = "00:00:30";

    /// <summary>How big each part is (options of the command line).</summary>
    public sealed record Sizes(int SequentialResearches, int ConcurrentResearches, int ConcurrentRounds, int HubDeliveries, int BrowserResearches);

    public static async Task RunAsync(AzuriteProcess azurite, string documentsPath, Sizes sizes, Report report)
    {
        var stamps = new WriteStamps();
        var unique = Guid.NewGuid().ToString("N")[..12];
        var app = LocalHostApplication.Create(["http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Research:Storage:ConnectionString"] = azurite.ConnectionString,
                ["Research:Storage:ContainerName"] = $"bench-live-{unique}",
                ["Research:Storage:EventsTableName"] = $"EventsLive{unique}",
                ["Research:Engine:TaskHubName"] = $"BenchLive{unique}",
                ["Research:Engine:WorkerId"] = "bench-live",
                // Longer than the 5 s defaults: with 50 researches started at once on a busy 2-core machine, control-queue
                // messages prefetched by the engine outlived 5 s before their turn and were delivered again and again
                // (pop receipts expired, duplicates), and the researches stalled. They only matter for crash recovery.
                ["Research:Engine:ControlQueueVisibilityTimeout"] = EngineVisibilityTimeout,
                ["Research:Engine:WorkItemVisibilityTimeout"] = EngineVisibilityTimeout,
                ["Research:Documents:Path"] = documentsPath,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:DurableTask"] = "Warning",
            });
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            stamps.DecorateHost(builder.Services);
        });
        BrowserLatency.MapPage(app);
        await app.StartAsync();
        try
        {
            var baseAddress = new Uri(app.Urls.Single());
            using var http = new HttpClient { BaseAddress = baseAddress };
            var run = new LatencyRun(baseAddress, http, new ResearchApi(http), stamps, azurite);
            report.Setting($"Live progress: the local host in the benchmark's process (Kestrel on 127.0.0.1, the hub at {ResearchHub.Path}), " +
                $"research \"{Question}\" over the shipped docs/ with the default spec; clients are .NET SignalR clients " +
                "(Microsoft.AspNetCore.SignalR.Client, WebSockets only) in the same process, connected through POST /api/negotiate " +
                "and subscribed through POST /api/research/{id}/subscribe; the research's log writes wait until its connection is subscribed; " +
                $"engine defaults except visibility timeouts {EngineVisibilityTimeout[3..]} (min:s) for control and work-item queues; " +
                $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC (`researcher serve` runs with server GC; DOTNET_gcServer=1 gives it here).");

            Console.Error.WriteLine("[benchmark] live: warm-up research");
            await run.RoundAsync(1);

            const string oneSection = "5. Live progress, write to handler (1 research at a time)";
            Console.Error.WriteLine($"[benchmark] live: {sizes.SequentialResearches} researches one after the other");
            var one = run.Start();
            for (var i = 0; i < sizes.SequentialResearches; i++) one.Add(await run.RoundAsync(1));
            one.AddTo(report, oneSection, $"{sizes.SequentialResearches} researches one after the other, each with its own connection");

            var manySection = $"5. Live progress, write to handler ({sizes.ConcurrentResearches} researches at once)";
            Console.Error.WriteLine($"[benchmark] live: {sizes.ConcurrentRounds} rounds of {sizes.ConcurrentResearches} researches at once");
            var many = run.Start();
            for (var i = 0; i < sizes.ConcurrentRounds; i++) many.Add(await run.RoundAsync(sizes.ConcurrentResearches));
            many.AddTo(report, manySection,
                $"{sizes.ConcurrentRounds} round{(sizes.ConcurrentRounds == 1 ? "" : "s")} of {sizes.ConcurrentResearches} researches started at once, each with its own connection");

            Console.Error.WriteLine("[benchmark] live: hub deliveries per second");
            var hub = app.Services.GetRequiredService<IHubContext<ResearchHub>>();
            var maxBytes = app.Services.GetRequiredService<IOptions<LiveProgressOptions>>().Value.MaxMessageBytes;
            await HubThroughput.RunAsync(hub, baseAddress, SampleEvent(stamps), maxBytes, sizes.HubDeliveries, report);

            if (sizes.BrowserResearches > 0)
            {
                Console.Error.WriteLine($"[benchmark] live: {sizes.BrowserResearches} researches in Chromium");
                await BrowserLatency.RunAsync(run, sizes.BrowserResearches, report);
            }
        }
        finally
        {
            try
            {
                await app.StopAsync();
            }
            catch (OperationCanceledException ex)
            {
                // Researches still running (the error above says why) may outlast the host's shutdown timeout.
                Console.Error.WriteLine($"[benchmark] live: the host did not stop cleanly: {ex.Message}");
            }
            await app.DisposeAsync();
        }
    }

    /// <summary>A real event for the hub part: the source-found event of median size among those the researches logged.</summary>
    private static ProgressEvent SampleEvent(WriteStamps stamps)
    {
        var found = stamps.All().Select(s => s.Event).Where(e => e.Type == ProgressEventType.SourceFound)
            .OrderBy(e => JsonSerializer.SerializeToUtf8Bytes(e, ResearchJson.Options).Length).ToList();
        return found.Count > 0
            ? found[found.Count / 2]
            : new ProgressEvent(ResearchIds.New(), 1, DateTime.UtcNow, ProgressEventType.SourceFound, "research", "Read Live progress", 40,
                new Dictionary<string, string> { ["subQuestion"] = "q1", ["location"] = "docs/live-progress.md", ["title"] = "Live progress" });
    }

    internal static bool IsFinal(string? type) => type is "researchCompleted" or "researchFailed" or "researchCancelled";

    /// <summary>One message as a client's handler saw it.</summary>
    internal readonly record struct Arrival(long At, string ResearchId, long Sequence, string Type);

    /// <summary>One research watched by one subscribed connection.</summary>
    internal sealed class Watch
    {
        private readonly List<Arrival> arrivals = [];

        public string ResearchId { get; set; } = "";

        /// <summary>When its POST /api/research was sent (Stopwatch).</summary>
        public long PostedAt { get; set; }

        public TaskCompletionSource Final { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Receive(long at, JsonElement message)
        {
            var arrival = new Arrival(at,
                message.TryGetProperty("researchId", out var id) ? id.GetString() ?? "" : "",
                message.TryGetProperty("sequence", out var sequence) && sequence.TryGetInt64(out var number) ? number : -1,
                message.TryGetProperty("type", out var type) ? type.GetString() ?? "" : "");
            lock (arrivals) arrivals.Add(arrival);
            if (IsFinal(arrival.Type)) Final.TrySetResult();
        }

        public IReadOnlyList<Arrival> Arrivals()
        {
            lock (arrivals) return [.. arrivals];
        }
    }

    /// <summary>The host under test and the researches run on it.</summary>
    internal sealed class LatencyRun(Uri baseAddress, HttpClient http, ResearchApi api, WriteStamps stamps, AzuriteProcess azurite)
    {
        public Uri BaseAddress => baseAddress;
        public HttpClient Http => http;
        public ResearchApi Api => api;
        public WriteStamps Stamps => stamps;
        public AzuriteProcess Azurite => azurite;

        public LatencySamples Start() => new(stamps, azurite);

        /// <summary>
        /// <paramref name="count"/> researches started at once, each watched by a connection of its own
        /// (connected first, subscribed once its research exists), until each connection has its final event.
        /// </summary>
        public async Task<RoundResult> RoundAsync(int count)
        {
            var watches = Enumerable.Range(0, count).Select(_ => new Watch()).ToArray();
            var clients = await Task.WhenAll(watches.Select(w => LiveClient.ConnectAsync(baseAddress, w.Receive)));
            try
            {
                var start = Stopwatch.GetTimestamp();
                await Task.WhenAll(watches.Select(async (watch, i) =>
                {
                    watch.PostedAt = Stopwatch.GetTimestamp();
                    watch.ResearchId = await api.StartAsync(Question);
                    await clients[i].SubscribeAsync(http, watch.ResearchId);
                    stamps.Release(watch.ResearchId);
                }));
                var finals = await Task.WhenAll(watches.Select(async watch =>
                {
                    try
                    {
                        await watch.Final.Task.WaitAsync(ResearchBound);
                        return true;
                    }
                    catch (TimeoutException)
                    {
                        return false;
                    }
                }));
                var seconds = Stats.Elapsed(start);
                var failed = 0;
                for (var i = 0; i < watches.Length; i++)
                {
                    var watch = watches[i];
                    if (!finals[i])
                    {
                        var now = await api.TryGetStatusAsync(watch.ResearchId);
                        Console.Error.WriteLine($"[benchmark] live: no final event for {watch.ResearchId} within {ResearchBound} (status {now?.Status ?? "unknown"})");
                        continue;
                    }
                    // The final event is the workflow's last step; its status says whether it completed.
                    try
                    {
                        var (status, _) = await api.WaitForEndAsync(watch.ResearchId, TimeSpan.FromMilliseconds(100), StatusBound);
                        if (status.Status == "completed") continue;
                        Console.Error.WriteLine($"[benchmark] live: research {watch.ResearchId} ended {status.Status}: {status.Failure}");
                    }
                    catch (TimeoutException ex)
                    {
                        Console.Error.WriteLine($"[benchmark] live: {ex.Message}");
                    }
                    failed++;
                }
                return new RoundResult(watches, seconds, finals.Count(f => !f), failed);
            }
            finally
            {
                foreach (var client in clients) await client.DisposeAsync();
            }
        }
    }

    internal sealed record RoundResult(IReadOnlyList<Watch> Watches, double Seconds, int NoFinal, int Failed);

    /// <summary>What one scenario measured: latencies and what each connection got against what its research logged.</summary>
    internal sealed class LatencySamples
    {
        private readonly WriteStamps stamps;
        private readonly AzuriteProcess azurite;
        private readonly List<(double Total, double ToSent, double SentToHandler, string Type)> samples = [];
        private readonly long startedAt = Stopwatch.GetTimestamp();
        private readonly TimeSpan gcPauseAtStart = GC.GetTotalPauseDuration();
        private readonly int gen2AtStart = GC.CollectionCount(2);
        private readonly TimeSpan cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        private readonly TimeSpan azuriteCpuAtStart;
        private readonly int gateTimeoutsAtStart, rewritesAtStart;
        private int researches, written, received, missing, unwritten, otherResearch, duplicates, outOfOrder, gaps, firstNotOne, writtenGaps, noFinal, failed;
        private double researchSeconds;
        private readonly List<double> postToFinal = [];

        public LatencySamples(WriteStamps stamps, AzuriteProcess azurite)
        {
            this.stamps = stamps;
            this.azurite = azurite;
            azuriteCpuAtStart = azurite.CpuTime;
            gateTimeoutsAtStart = stamps.GateTimeouts;
            rewritesAtStart = stamps.Rewrites;
        }

        public void Add(RoundResult round)
        {
            researchSeconds += round.Seconds;
            noFinal += round.NoFinal;
            failed += round.Failed;
            foreach (var watch in round.Watches)
            {
                researches++;
                var log = stamps.Of(watch.ResearchId);
                written += log.Count;
                writtenGaps += log.Select((s, i) => s.Event.Sequence != i + 1 ? 1 : 0).Sum();
                var arrivals = watch.Arrivals();
                received += arrivals.Count;
                if (arrivals.Count > 0 && IsFinal(arrivals[^1].Type)) postToFinal.Add(Stats.Seconds(watch.PostedAt, arrivals[^1].At));
                otherResearch += arrivals.Count(a => a.ResearchId != watch.ResearchId);
                var mine = arrivals.Where(a => a.ResearchId == watch.ResearchId).ToList();
                var seen = new HashSet<long>();
                for (var i = 0; i < mine.Count; i++)
                {
                    var arrival = mine[i];
                    if (!seen.Add(arrival.Sequence)) duplicates++;
                    if (i == 0 && arrival.Sequence != 1) firstNotOne++;
                    if (i > 0 && arrival.Sequence <= mine[i - 1].Sequence) outOfOrder++;
                    else if (i > 0 && arrival.Sequence != mine[i - 1].Sequence + 1) gaps++;
                    if (!stamps.TryGet(watch.ResearchId, arrival.Sequence, out var stamp))
                    {
                        unwritten++;
                        continue;
                    }
                    samples.Add((Stats.Milliseconds(stamp.WrittenAt, arrival.At),
                        stamp.SentAt > 0 ? Stats.Milliseconds(stamp.WrittenAt, stamp.SentAt) : double.NaN,
                        stamp.SentAt > 0 ? Stats.Milliseconds(stamp.SentAt, arrival.At) : double.NaN,
                        arrival.Type));
                }
                missing += log.Count(s => !seen.Contains(s.Event.Sequence));
            }
        }

        public int Anomalies => missing + unwritten + otherResearch + duplicates + outOfOrder + gaps + firstNotOne + writtenGaps + noFinal + failed
            + (stamps.GateTimeouts - gateTimeoutsAtStart);

        public void AddTo(Report report, string section, string shape)
        {
            var elapsed = Stats.Elapsed(startedAt);
            var totals = samples.Select(s => s.Total).ToList();
            var toSent = samples.Select(s => s.ToSent).Where(v => !double.IsNaN(v)).ToList();
            var afterSent = samples.Select(s => s.SentToHandler).Where(v => !double.IsNaN(v)).ToList();
            var slowest = samples.Count > 0 ? samples.MaxBy(s => s.Total) : default;
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart).TotalSeconds;
            var azuriteCpu = (azurite.CpuTime - azuriteCpuAtStart).TotalSeconds;
            report.Add(section, "events measured", samples.Count.ToString(CultureInfo.InvariantCulture),
                $"{shape}; {researches} researches, {written} events written ({Report.N(written / (double)Math.Max(researches, 1))} per research), " +
                $"{received} messages received; {Report.N(written / researchSeconds)} events written per second over {Report.S(researchSeconds)} of researches; " +
                $"a research's POST to its final event: median {Report.S(Stats.Median(postToFinal))}, longest {Report.S(postToFinal.Count > 0 ? postToFinal.Max() : double.NaN)}");
            report.Add(section, "write end to handler, p50 / p95 / p99", $"{Report.Ms(Stats.Percentile(totals, 50))} / {Report.Ms(Stats.Percentile(totals, 95))} / {Report.Ms(Stats.Percentile(totals, 99))}",
                $"of which write end to hub send returned p50 {Report.Ms(Stats.Percentile(toSent, 50))} (p99 {Report.Ms(Stats.Percentile(toSent, 99))}), " +
                $"send returned to handler p50 {Report.Ms(Stats.Percentile(afterSent, 50))} (p99 {Report.Ms(Stats.Percentile(afterSent, 99))})");
            report.Add(section, "write end to handler, max", Report.Ms(totals.Count > 0 ? totals.Max() : double.NaN),
                samples.Count > 0
                    ? $"a {slowest.Type} event: {Report.Ms(slowest.ToSent)} to the send's return, {Report.Ms(slowest.SentToHandler)} after it; " +
                      $"meanwhile GC paused {Report.Ms((GC.GetTotalPauseDuration() - gcPauseAtStart).TotalMilliseconds)} in all ({GC.CollectionCount(2) - gen2AtStart} gen-2 collections); " +
                      $"CPU: this process {Report.S(cpu)}, Azurite {Report.S(azuriteCpu)} over {Report.S(elapsed)} " +
                      $"({Report.N(100 * (cpu + azuriteCpu) / (elapsed * Environment.ProcessorCount), "F0")}% of {Environment.ProcessorCount} cores)"
                    : "");
            report.Add(section, "anomalies", Anomalies.ToString(CultureInfo.InvariantCulture),
                $"written but not received {missing}, received out of order {outOfOrder}, duplicates {duplicates}, gaps after the first received {gaps}, " +
                $"first received not #1 {firstNotOne}, received but not written {unwritten}, of another research {otherResearch}, " +
                $"gaps in the log {writtenGaps}, no final event {noFinal}, not completed {failed}, appends that waited out the subscription gate {stamps.GateTimeouts - gateTimeoutsAtStart}; " +
                $"appends repeated (retried activity) {stamps.Rewrites - rewritesAtStart}");
        }
    }
}
