using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Researcher.Benchmarks.Infrastructure;
using Researcher.Core.Contracts;
using Researcher.LocalHost;
using Researcher.Testing;

namespace Researcher.Benchmarks;

/// <summary>
/// Research against providers that take time (part <c>providers</c>). The local host runs in this
/// process (LocalHostApplication.Create on the benchmark's Azurite, a task hub, container and table
/// of its own) with its language model, Tavily search and web pages all faked on loopback by
/// <see cref="FakeProviderWeb"/>, every kind of request answered after a fixed latency
/// (<see cref="Latencies"/>). (a) For research and detailed reports, under a few engine settings:
/// the client's wall time of one research (POST until its status says completed) against its
/// critical path, the provider calls on the longest dependent chain as the fake timed them; and
/// where the rest of the wall time went. (b) What each report type spends against the fake: the
/// status's tokens and cost, and the model calls by prompt kind.
/// </summary>
public static class ProviderLatencyBenchmark
{
    /// <summary>The fake providers' latencies: a web search, a page, a model's completion.</summary>
    public static ProviderLatencies Latencies { get; } =
        new(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(400));

    private const string Question = "How do tides form?";
    private const string CustomInstructions = "Write a briefing for a ferry crew: what sets the height of the tide, and why it changes through the month.";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ResearchBound = TimeSpan.FromMinutes(3);
    private static readonly string[] TimedReportTypes = ["research_report", "detailed_report"];
    private static readonly string[] PricedReportTypes = ["research_report", "detailed_report", "resource_report", "outline_report", "custom_report"];

    /// <summary>Engine settings a series runs under: its label in the report and the settings that differ from the defaults.</summary>
    private sealed record EngineSetting(string Label, IReadOnlyDictionary<string, string?> Overrides);

    private static readonly EngineSetting[] EngineSettings =
    [
        new("engine defaults", new Dictionary<string, string?>()),
        new("MaxQueuePollingInterval 100 ms", new Dictionary<string, string?>
        {
            ["Research:Engine:MaxQueuePollingInterval"] = "00:00:00.100",
        }),
        new("MaxQueuePollingInterval 100 ms, MaxConcurrentActivities 16", new Dictionary<string, string?>
        {
            ["Research:Engine:MaxQueuePollingInterval"] = "00:00:00.100",
            ["Research:Engine:MaxConcurrentActivities"] = "16",
        }),
    ];

    public static async Task RunAsync(string connectionString, string documentsPath, int runs, Report report)
    {
        report.Setting($"Providers: {FakeProviderWeb.Pages.Count} pages, every search finding all of them; latencies search {Report.Ms(Latencies.Search.TotalMilliseconds)}, " +
            $"page {Report.Ms(Latencies.Page.TotalMilliseconds)}, chat {Report.Ms(Latencies.Chat.TotalMilliseconds)} (Task.Delay in the fake's handler); question " +
            $"\"{Question}\"; the fake plans 2 sub-questions besides the question itself (3 branches of 3 sources, 9 page reads and 9 notes); the client polls the status every " +
            $"{PollInterval.TotalMilliseconds:F0} ms; per engine setting one warm-up research of each timed report type, then {runs} of each, alternating.");

        report.Setting($"Providers part: load average (1 min) {LoadAverage()} as it started.");
        await using var web = await FakeProviderWeb.StartAsync(Latencies);
        for (var index = 0; index < EngineSettings.Length; index++)
        {
            var setting = EngineSettings[index];
            var host = await StartHostAsync(connectionString, documentsPath, web, setting);
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri(host.Urls.Single()) };
                var api = new ResearchApi(http);
                await TimeAsync(api, web, setting, runs, report);
                if (index == EngineSettings.Length - 1)
                    await PriceAsync(api, web, report);
            }
            finally
            {
                await host.StopAsync();
                await host.DisposeAsync();
            }
        }
        report.Setting($"Providers part: load average (1 min) {LoadAverage()} as it ended.");
    }

    /// <summary>The machine's one-minute load average (other work on the two cores slows the host and the fake's timers alike).</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static async Task<WebApplication> StartHostAsync(string connectionString, string documentsPath, FakeProviderWeb web, EngineSetting setting)
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        var app = LocalHostApplication.Create(["http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Research:Storage:ConnectionString"] = connectionString,
                ["Research:Storage:ContainerName"] = $"bench-providers-{unique}",
                ["Research:Storage:EventsTableName"] = $"EventsProviders{unique}",
                ["Research:Engine:TaskHubName"] = $"BenchProviders{unique}",
                ["Research:Engine:WorkerId"] = "bench-providers",
                ["Research:Documents:Path"] = documentsPath,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:DurableTask"] = "Warning",
            });
            builder.Configuration.AddInMemoryCollection(web.Settings());
            builder.Configuration.AddInMemoryCollection(setting.Overrides);
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>Part (a) under one engine setting: wall time against critical path per report type, and where the difference went.</summary>
    private static async Task TimeAsync(ResearchApi api, FakeProviderWeb web, EngineSetting setting, int runs, Report report)
    {
        foreach (var reportType in TimedReportTypes)
            await ResearchAsync(api, web, new ResearchRequest(Question, ReportType: reportType)); // warm-up
        var measured = TimedReportTypes.ToDictionary(type => type, _ => new List<TimedResearch>());
        for (var run = 0; run < runs; run++)
        {
            foreach (var reportType in TimedReportTypes)
                measured[reportType].Add(await ResearchAsync(api, web, new ResearchRequest(Question, ReportType: reportType)));
        }

        foreach (var (reportType, researches) in measured)
        {
            var section = $"providers: {reportType}, {setting.Label}";
            var ratios = researches.Select(r => r.WallSeconds / r.CriticalPath.Seconds).ToList();
            var serverRatios = researches.Select(r => r.ServerSeconds / r.CriticalPath.Seconds).ToList();
            var nominal = researches[0].CriticalPath.NominalSeconds(Latencies);
            var nominalRatios = researches.Select(r => r.WallSeconds / nominal).ToList();
            report.Add(section, $"wall / critical path as timed, median (max) of {runs}", Ratio(ratios),
                $"wall median {Report.S(Stats.Median(researches.Select(r => r.WallSeconds).ToList()))} (runs {string.Join(", ", researches.Select(r => Report.S(r.WallSeconds)))}); " +
                $"critical path median {Report.S(Stats.Median(researches.Select(r => r.CriticalPath.Seconds).ToList()))}, as the fake timed its calls in the first run: {researches[0].CriticalPath.Describe()}");
            report.Add(section, "wall / critical path of the latencies, median (max)", Ratio(nominalRatios),
                $"{Report.S(nominal)}: one call of each phase at its fixed latency (the timed calls are longer when the fake's timers fire late on a busy machine)");
            report.Add(section, "createdAt to updatedAt / critical path as timed, median (max)", Ratio(serverRatios),
                $"createdAt to updatedAt median {Report.S(Stats.Median(researches.Select(r => r.ServerSeconds).ToList()))}");
            report.Add(section, "wall beyond the critical path, medians", Report.Ms(Stats.Median(researches.Select(r => r.OverheadMilliseconds).ToList())),
                OverheadNotes(researches));
        }
    }

    private static string Ratio(IReadOnlyList<double> ratios) => $"{Report.N(Stats.Median(ratios), "F2")} ({Report.N(ratios.Max(), "F2")})";

    /// <summary>Medians of where one series' wall time beyond its critical path went, phase by phase.</summary>
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

    /// <summary>Part (b): one research of each report type (the fake answers alike every time), its spending and its model calls by kind.</summary>
    private static async Task PriceAsync(ResearchApi api, FakeProviderWeb web, Report report)
    {
        foreach (var reportType in PricedReportTypes)
        {
            var chatsBefore = web.ChatRequests.Count;
            var request = new ResearchRequest(Question, ReportType: reportType, Instructions: reportType == "custom_report" ? CustomInstructions : null);
            var research = await ResearchAsync(api, web, request);
            var status = await api.GetStatusResponseAsync(research.Id);
            var spending = status.Spending ?? throw new InvalidOperationException($"Research {research.Id} ({reportType}) reported no spending.");
            var usage = spending.Usage;
            var calls = web.ChatRequests.Skip(chatsBefore)
                .GroupBy(chat => (Kind: FakeProviderWeb.PromptKindOf(chat), Model: chat.GetProperty("model").GetString()))
                .OrderBy(group => group.Key.Kind)
                .Select(group => $"{group.Key.Kind.ToString().ToLowerInvariant()} {group.Count()} ({group.Key.Model})");
            report.Add($"providers: spending per report type", reportType,
                $"{usage.TotalTokens.ToString("N0", CultureInfo.InvariantCulture)} tokens, {usage.Cost?.ToString("0.######", CultureInfo.InvariantCulture) ?? "no cost"} {spending.Currency}",
                $"input {usage.InputTokens.ToString("N0", CultureInfo.InvariantCulture)}, output {usage.OutputTokens.ToString("N0", CultureInfo.InvariantCulture)}; " +
                $"{usage.Calls} model calls: {string.Join(", ", calls)}; budget reached: {(spending.BudgetReached ? "yes" : "no")}" +
                (reportType == "custom_report" ? $"; instructions \"{CustomInstructions}\"" : ""));
        }
    }

    /// <summary>One research run to completion, timed by the client, with the provider calls the fake answered for it.</summary>
    private static async Task<TimedResearch> ResearchAsync(ResearchApi api, FakeProviderWeb web, ResearchRequest request)
    {
        var callsBefore = web.Timings.Count;
        var postedAt = Stopwatch.GetTimestamp();
        var id = await api.StartAsync(request);
        var (status, seenAt) = await api.WaitForEndAsync(id, PollInterval, ResearchBound);
        if (status.Status != "completed")
            throw new InvalidOperationException($"Research {id} ({request.ReportType}) ended {status.Status}: {status.Failure}");
        var criticalPath = CriticalPath.Of(web.Timings.Skip(callsBefore).ToList());
        return new TimedResearch(id, postedAt, seenAt, status.ServerDuration.TotalSeconds, criticalPath);
    }

    /// <summary>
    /// One research's times on the benchmark's clock: POSTed, seen completed by the client's polling,
    /// createdAt to updatedAt as the host recorded it, and its provider calls as phases.
    /// </summary>
    private sealed record TimedResearch(string Id, long PostedAt, long SeenAt, double ServerSeconds, CriticalPath CriticalPath)
    {
        public double WallSeconds => Stats.Seconds(PostedAt, SeenAt);

        public double OverheadMilliseconds => (WallSeconds - CriticalPath.Seconds) * 1000;

        public double BeforeMilliseconds => Stats.Milliseconds(PostedAt, CriticalPath.Phases[0].StartedAt);

        public double AfterMilliseconds => Stats.Milliseconds(CriticalPath.Phases[^1].EndedAt, SeenAt);
    }

    /// <summary>The calls of one phase of the workflow, which all depend on the phase before and not on each other.</summary>
    private sealed record Phase(string Name, IReadOnlyList<TimedProviderRequest> Calls)
    {
        public long StartedAt => Calls.Min(call => call.StartedAt);

        public long EndedAt => Calls.Max(call => call.EndedAt);

        public double LongestMilliseconds => Calls.Max(call => call.Duration.TotalMilliseconds);

        /// <summary>How much longer the phase took, first call to last answer, than its longest call: calls that started late.</summary>
        public double WaitingMilliseconds => Stats.Milliseconds(StartedAt, EndedAt) - LongestMilliseconds;
    }

    /// <summary>
    /// A research's provider calls as the workflow's dependent phases: the planner's search, then its
    /// chat; the branches' searches; their page reads; their notes; then the writing (a detailed
    /// report's sections, then its introduction and conclusion; any other report in one call). The
    /// critical path is the sum of each phase's longest call. Page reads cannot be told apart by
    /// branch (every branch reads the same pages), so every branch is charged the longest read of all;
    /// with fixed latencies the calls of a phase differ by well under a millisecond.
    /// </summary>
    private sealed record CriticalPath(IReadOnlyList<Phase> Phases)
    {
        public double Seconds => Phases.Sum(phase => phase.LongestMilliseconds) / 1000;

        public double WaitingMilliseconds => Phases.Sum(phase => phase.WaitingMilliseconds);

        /// <summary>The critical path the fixed latencies alone would give: one call of each phase, each at its kind's latency.</summary>
        public double NominalSeconds(ProviderLatencies latencies) => Phases.Sum(phase => (phase.Calls[0].Kind switch
        {
            ProviderRequestKind.Search => latencies.Search,
            ProviderRequestKind.Page => latencies.Page,
            _ => latencies.Chat,
        }).TotalSeconds);

        /// <summary>From the end of phase <paramref name="index"/> - 1 to the start of phase <paramref name="index"/>: the engine's work between them.</summary>
        public double GapMilliseconds(int index) => Stats.Milliseconds(Phases[index - 1].EndedAt, Phases[index].StartedAt);

        public string Describe() => string.Join(" + ", Phases.Select(phase => $"{phase.Name} {phase.Calls.Count} x {Report.Ms(phase.LongestMilliseconds)}"));

        public static CriticalPath Of(IReadOnlyList<TimedProviderRequest> calls)
        {
            List<TimedProviderRequest> Chats(ChatPromptKind kind) => calls.Where(call => call.Prompt == kind).ToList();
            var planChats = Chats(ChatPromptKind.Plan);
            var planStarted = planChats.Min(call => call.StartedAt);
            var searches = calls.Where(call => call.Kind == ProviderRequestKind.Search).ToList();
            var phases = new List<Phase>
            {
                new("plan search", searches.Where(call => call.StartedAt < planStarted).ToList()),
                new("plan chat", planChats),
                new("branch searches", searches.Where(call => call.StartedAt >= planStarted).ToList()),
                new("page reads", calls.Where(call => call.Kind == ProviderRequestKind.Page).ToList()),
                new("notes", Chats(ChatPromptKind.Notes)),
                new("sections", Chats(ChatPromptKind.Section)),
                new("introduction and conclusion", Chats(ChatPromptKind.Framing)),
                new("report", Chats(ChatPromptKind.Report)),
            };
            return new CriticalPath(phases.Where(phase => phase.Calls.Count > 0).ToList());
        }
    }
}
