using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Researcher.Benchmarks.Infrastructure;
using Researcher.Core.Contracts;
using Researcher.LocalHost;
using Researcher.Testing;

namespace Researcher.Benchmarks;

/// <summary>
/// One research run to completion against <see cref="FakeProviderWeb"/>, on the benchmark's clock:
/// POSTed, seen completed by the client's polling, createdAt to updatedAt as the host recorded it,
/// and the provider calls the fake answered meanwhile (one research at a time, so all of them its own).
/// </summary>
internal sealed record ProviderRun(string Id, long PostedAt, long SeenAt, double ServerSeconds, IReadOnlyList<TimedProviderRequest> Calls)
{
    public double WallSeconds => Stats.Seconds(PostedAt, SeenAt);
}

/// <summary>
/// A run with its critical path as the fake timed its calls, and the critical path its fixed
/// latencies alone would give (<see cref="NominalSeconds"/>).
/// </summary>
internal sealed record TimedResearch(ProviderRun Run, CriticalPath CriticalPath, double NominalSeconds)
{
    public double WallSeconds => Run.WallSeconds;

    public double OverheadMilliseconds => (WallSeconds - CriticalPath.Seconds) * 1000;

    public double BeforeMilliseconds => Stats.Milliseconds(Run.PostedAt, CriticalPath.Phases[0].StartedAt);

    public double AfterMilliseconds => Stats.Milliseconds(CriticalPath.Phases[^1].EndedAt, Run.SeenAt);
}

/// <summary>Host settings a series runs under: its label in the report and the settings that differ from the defaults.</summary>
internal sealed record SeriesSetting(string Label, IReadOnlyDictionary<string, string?> Overrides)
{
    public static SeriesSetting Defaults { get; } = new("engine defaults", new Dictionary<string, string?>());

    /// <summary>The lowest queue polling interval the engine's options allow.</summary>
    public static SeriesSetting FastPolling { get; } = new("MaxQueuePollingInterval 100 ms", new Dictionary<string, string?>
    {
        ["Research:Engine:MaxQueuePollingInterval"] = "00:00:00.100",
    });

    /// <summary>These settings and one more, its label appended to this one's (unless this is the defaults).</summary>
    public SeriesSetting With(string label, string key, string value) =>
        new(Overrides.Count == 0 ? label : $"{Label}, {label}", new Dictionary<string, string?>(Overrides) { [key] = value });
}

/// <summary>
/// What the slow-provider parts (<see cref="ProviderLatencyBenchmark"/>, <see cref="DeepResearchBenchmark"/>)
/// share: the local host in this process against the fake, one research timed by the client, and
/// the rows that compare a series of them with their critical paths.
/// </summary>
internal static class ProviderResearch
{
    /// <summary>How often the client polls a research's status for its end.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// The local host (LocalHostApplication.Create on loopback) on the benchmark's Azurite, with a task
    /// hub, container and events table of its own named after <paramref name="part"/> (letters only),
    /// pointed at <paramref name="web"/>, with <paramref name="overrides"/> over its settings; its logs
    /// at Warning and above go to standard error, and to <paramref name="logs"/> too when given.
    /// </summary>
    public static async Task<WebApplication> StartHostAsync(
        string connectionString, string documentsPath, FakeProviderWeb web, string part, IReadOnlyDictionary<string, string?> overrides,
        ILoggerProvider? logs = null)
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        var name = char.ToUpperInvariant(part[0]) + part[1..];
        var app = LocalHostApplication.Create(["http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Research:Storage:ConnectionString"] = connectionString,
                ["Research:Storage:ContainerName"] = $"bench-{part.ToLowerInvariant()}-{unique}",
                ["Research:Storage:EventsTableName"] = $"Events{name}{unique}",
                ["Research:Engine:TaskHubName"] = $"Bench{name}{unique}",
                ["Research:Engine:WorkerId"] = $"bench-{part.ToLowerInvariant()}",
                ["Research:Documents:Path"] = documentsPath,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:DurableTask"] = "Warning",
            });
            builder.Configuration.AddInMemoryCollection(web.Settings());
            builder.Configuration.AddInMemoryCollection(overrides);
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            if (logs is not null)
                builder.Logging.AddProvider(logs);
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>Runs <paramref name="request"/> to completion (failing unless it completed within <paramref name="bound"/>), timed by the client.</summary>
    public static async Task<ProviderRun> RunAsync(ResearchApi api, FakeProviderWeb web, ResearchRequest request, TimeSpan bound)
    {
        var callsBefore = web.Timings.Count;
        var postedAt = Stopwatch.GetTimestamp();
        var id = await api.StartAsync(request);
        var (status, seenAt) = await api.WaitForEndAsync(id, PollInterval, bound);
        if (status.Status != "completed")
            throw new InvalidOperationException($"Research {id} ({request.ReportType}) ended {status.Status}: {status.Failure}");
        return new ProviderRun(id, postedAt, seenAt, status.ServerDuration.TotalSeconds, web.Timings.Skip(callsBefore).ToList());
    }

    /// <summary>
    /// The most calls of each kind the fake was answering at once, as "kind n" (the host's limits show
    /// here: at most Research:Providers:MaxConcurrentRequests calls to one provider at once).
    /// </summary>
    public static IEnumerable<string> MostInFlight(IReadOnlyList<TimedProviderRequest> calls) => calls
        .GroupBy(call => call.Kind)
        .OrderBy(group => group.Key)
        .Select(group =>
        {
            // Ends before starts at the same instant: a call answered as the next one arrives was not in flight with it.
            var edges = group.SelectMany(call => new[] { (At: call.StartedAt, Step: 1), (At: call.EndedAt, Step: -1) })
                .OrderBy(edge => edge.At).ThenBy(edge => edge.Step);
            var (now, most) = (0, 0);
            foreach (var edge in edges)
                most = Math.Max(most, now += edge.Step);
            return $"{group.Key.ToString().ToLowerInvariant()} {most}";
        });

    /// <summary>The machine's one-minute load average (other work on the two cores slows the host and the fake's timers alike).</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    /// <summary>Chat requests (their JSON bodies) counted by prompt kind and model, as "kind count (model)".</summary>
    public static IEnumerable<string> ModelCalls(IEnumerable<JsonElement> chats) => chats
        .GroupBy(chat => (Kind: FakeProviderWeb.PromptKindOf(chat), Model: chat.GetProperty("model").GetString()))
        .OrderBy(group => group.Key.Kind)
        .Select(group => $"{group.Key.Kind.ToString().ToLowerInvariant()} {group.Count()} ({group.Key.Model})");

    /// <summary>
    /// The rows of one timed series under <paramref name="section"/>: wall time against the critical
    /// path as timed and of the latencies (<paramref name="nominalNotes"/> says what the latter
    /// counts), createdAt to updatedAt against it, and where the wall time beyond it went.
    /// </summary>
    public static void AddTimings(Report report, string section, IReadOnlyList<TimedResearch> researches, string nominalNotes)
    {
        var runs = researches.Count;
        double Median(Func<TimedResearch, double> value) => Stats.Median(researches.Select(value).ToList());
        report.Add(section, $"wall / critical path as timed, median (max) of {runs}", Ratio(researches.Select(r => r.WallSeconds / r.CriticalPath.Seconds).ToList()),
            $"wall median {Report.S(Median(r => r.WallSeconds))} (runs {string.Join(", ", researches.Select(r => Report.S(r.WallSeconds)))}); " +
            $"critical path median {Report.S(Median(r => r.CriticalPath.Seconds))}, as the fake timed its calls in the first run: {researches[0].CriticalPath.Describe()}");
        report.Add(section, "wall / critical path of the latencies, median (max)", Ratio(researches.Select(r => r.WallSeconds / r.NominalSeconds).ToList()),
            $"{Report.S(researches[0].NominalSeconds)}: {nominalNotes} (the timed calls are longer when the fake's timers fire late on a busy machine)");
        report.Add(section, "createdAt to updatedAt / critical path as timed, median (max)", Ratio(researches.Select(r => r.Run.ServerSeconds / r.CriticalPath.Seconds).ToList()),
            $"createdAt to updatedAt median {Report.S(Median(r => r.Run.ServerSeconds))}");
        report.Add(section, "wall beyond the critical path, medians", Report.Ms(Median(r => r.OverheadMilliseconds)), OverheadNotes(researches));
    }

    /// <summary>"median (max)" of ratios, two decimals.</summary>
    public static string Ratio(IReadOnlyList<double> ratios) => $"{Report.N(Stats.Median(ratios), "F2")} ({Report.N(ratios.Max(), "F2")})";

    /// <summary>
    /// Medians of where one series' wall time beyond its critical path went, phase by phase (the
    /// phases named as in the first run's critical path; every run's has the same shape).
    /// </summary>
    private static string OverheadNotes(IReadOnlyList<TimedResearch> researches)
    {
        double Median(Func<TimedResearch, double> milliseconds) => Stats.Median(researches.Select(milliseconds).ToList());
        var phases = researches[0].CriticalPath.Phases;
        var gaps = Enumerable.Range(1, phases.Count - 1)
            .Select(i => $"{phases[i - 1].Name} to {phases[i].Name} {Report.Ms(Median(r => r.CriticalPath.GapMilliseconds(i)))}");
        return $"POST to the first call {Report.Ms(Median(r => r.BeforeMilliseconds))}; between phases: {string.Join(", ", gaps)}; " +
            $"phases longer than their longest call (calls that started late: waiting for an activity slot, or a branch behind the others) {Report.Ms(Median(r => r.CriticalPath.WaitingMilliseconds))}; " +
            $"last call to the status seen completed {Report.Ms(Median(r => r.AfterMilliseconds))}";
    }
}
