using System.Globalization;
using Researcher.Benchmarks.Infrastructure;
using Researcher.Core.Contracts;
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
    private static readonly TimeSpan ResearchBound = TimeSpan.FromMinutes(3);
    private static readonly string[] TimedReportTypes = ["research_report", "detailed_report"];
    private static readonly string[] PricedReportTypes = ["research_report", "detailed_report", "resource_report", "outline_report", "custom_report"];

    private static readonly SeriesSetting[] EngineSettings =
    [
        SeriesSetting.Defaults,
        SeriesSetting.FastPolling,
        SeriesSetting.FastPolling.With("MaxConcurrentActivities 16", "Research:Engine:MaxConcurrentActivities", "16"),
    ];

    public static async Task RunAsync(string connectionString, string documentsPath, int runs, Report report)
    {
        report.Setting($"Providers: {FakeProviderWeb.Pages.Count} pages, every search finding all of them; latencies search {Report.Ms(Latencies.Search.TotalMilliseconds)}, " +
            $"page {Report.Ms(Latencies.Page.TotalMilliseconds)}, chat {Report.Ms(Latencies.Chat.TotalMilliseconds)} (Task.Delay in the fake's handler); question " +
            $"\"{Question}\"; the fake plans 2 sub-questions besides the question itself (3 branches of 3 sources, 9 page reads and 9 notes); the client polls the status every " +
            $"{ProviderResearch.PollInterval.TotalMilliseconds:F0} ms; per engine setting one warm-up research of each timed report type, then {runs} of each, alternating.");

        report.Setting($"Providers part: load average (1 min) {ProviderResearch.LoadAverage()} as it started.");
        await using var web = await FakeProviderWeb.StartAsync(Latencies);
        for (var index = 0; index < EngineSettings.Length; index++)
        {
            var setting = EngineSettings[index];
            var host = await ProviderResearch.StartHostAsync(connectionString, documentsPath, web, "providers", setting.Overrides);
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
        report.Setting($"Providers part: load average (1 min) {ProviderResearch.LoadAverage()} as it ended.");
    }

    /// <summary>Part (a) under one engine setting: wall time against critical path per report type, and where the difference went.</summary>
    private static async Task TimeAsync(ResearchApi api, FakeProviderWeb web, SeriesSetting setting, int runs, Report report)
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
            ProviderResearch.AddTimings(report, $"providers: {reportType}, {setting.Label}", researches, "one call of each phase at its fixed latency");
    }

    /// <summary>Part (b): one research of each report type (the fake answers alike every time), its spending and its model calls by kind.</summary>
    private static async Task PriceAsync(ResearchApi api, FakeProviderWeb web, Report report)
    {
        foreach (var reportType in PricedReportTypes)
        {
            var chatsBefore = web.ChatRequests.Count;
            var request = new ResearchRequest(Question, ReportType: reportType, Instructions: reportType == "custom_report" ? CustomInstructions : null);
            var research = await ResearchAsync(api, web, request);
            var status = await api.GetStatusResponseAsync(research.Run.Id);
            var spending = status.Spending ?? throw new InvalidOperationException($"Research {research.Run.Id} ({reportType}) reported no spending.");
            var usage = spending.Usage;
            var calls = ProviderResearch.ModelCalls(web.ChatRequests.Skip(chatsBefore));
            report.Add($"providers: spending per report type", reportType,
                $"{usage.TotalTokens.ToString("N0", CultureInfo.InvariantCulture)} tokens, {usage.Cost?.ToString("0.######", CultureInfo.InvariantCulture) ?? "no cost"} {spending.Currency}",
                $"input {usage.InputTokens.ToString("N0", CultureInfo.InvariantCulture)}, output {usage.OutputTokens.ToString("N0", CultureInfo.InvariantCulture)}; " +
                $"{usage.Calls} model calls: {string.Join(", ", calls)}; budget reached: {(spending.BudgetReached ? "yes" : "no")}" +
                (reportType == "custom_report" ? $"; instructions \"{CustomInstructions}\"" : ""));
        }
    }

    /// <summary>One research run to completion, timed by the client, with its critical path of dependent phases.</summary>
    private static async Task<TimedResearch> ResearchAsync(ResearchApi api, FakeProviderWeb web, ResearchRequest request)
    {
        var run = await ProviderResearch.RunAsync(api, web, request, ResearchBound);
        var criticalPath = CriticalPathOf(run.Calls);
        return new TimedResearch(run, criticalPath, criticalPath.NominalSeconds(Latencies));
    }

    /// <summary>
    /// A research's provider calls as the workflow's dependent phases: the planner's search, then its
    /// chat; the branches' searches; their page reads; their notes; then the writing (a detailed
    /// report's sections, then its introduction and conclusion; any other report in one call). The
    /// critical path is the sum of each phase's longest call. Page reads cannot be told apart by
    /// branch (every branch reads the same pages), so every branch is charged the longest read of all;
    /// with fixed latencies the calls of a phase differ by well under a millisecond.
    /// </summary>
    private static CriticalPath CriticalPathOf(IReadOnlyList<TimedProviderRequest> calls)
    {
        var (planSearch, planChat, branchSearches) = ResearchPhases.Planning(calls);
        var phases = new List<Phase>
        {
            planSearch,
            planChat,
            new("branch searches", branchSearches),
            new("page reads", calls.Where(call => call.Kind == ProviderRequestKind.Page).ToList()),
            new("notes", ResearchPhases.Chats(calls, ChatPromptKind.Notes)),
        };
        return new CriticalPath([.. phases.Where(phase => phase.Calls.Count > 0), .. ResearchPhases.Writing(calls)]);
    }
}
