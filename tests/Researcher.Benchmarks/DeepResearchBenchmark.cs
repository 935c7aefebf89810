using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Researcher.Benchmarks.Infrastructure;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Web;
using Researcher.LocalHost.Engine;
using Researcher.Testing;

namespace Researcher.Benchmarks;

/// <summary>
/// A deep research against providers that take time (part <c>deep</c>): breadth 4, depth 2 (4
/// top-level branches and 2 children each, 12 in all) through the local host in this process
/// (<see cref="ProviderResearch.StartHostAsync"/>) against <see cref="FakeProviderWeb"/>, whose
/// planner proposes 3 sub-questions besides the question itself here. The client's wall time
/// (POST until its status says completed) against the research's critical path: the longest chain
/// of dependent provider calls from the planner to the report, over every root-to-leaf path of the
/// tree its <c>branchStarted</c> events describe. Two sets of fixed latencies (the providers part's
/// and slower ones, nearer real providers), each against both schedules: every subtree at once
/// (the default) and GPT-Researcher's order (<c>Research:Limits:SequentialSubtrees</c>); where the
/// wall time beyond the critical path went; and the engine's warnings, which show when a run stalled.
/// </summary>
public static class DeepResearchBenchmark
{
    private const string Question = "How do tides form?";
    private const int Breadth = 4;
    private const int Depth = 2;
    /// <summary>
    /// How long a run may take before it counts as stalled (6.5 times the slower latencies' critical
    /// path): its series ends there, on the figures of the runs before it.
    /// </summary>
    private static readonly TimeSpan ResearchBound = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The fake's latencies, by their label in the report, and the series run against them, each on
    /// a host of its own: its engine setting, and whether its subtrees run one after another.
    /// </summary>
    private sealed record LatencySet(string Label, ProviderLatencies Latencies, IReadOnlyList<(SeriesSetting Engine, bool Sequential)> Series);

    /// <summary>
    /// Both schedules with the lowest queue polling interval against both sets of latencies; the
    /// engine's defaults too against the providers part's (against the slower ones they would take
    /// the part well past its few minutes).
    /// </summary>
    private static readonly LatencySet[] LatencySets =
    [
        new("providers-part latencies", ProviderLatencyBenchmark.Latencies,
            [(SeriesSetting.FastPolling, false), (SeriesSetting.FastPolling, true), (SeriesSetting.Defaults, false)]),
        new("slower latencies", new(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3)),
            [(SeriesSetting.FastPolling, false), (SeriesSetting.FastPolling, true)]),
    ];

    private static ResearchRequest Request { get; } = new(Question, ReportType: "deep", Breadth: Breadth, Depth: Depth);

    public static async Task RunAsync(string connectionString, string documentsPath, int runs, Report report)
    {
        report.Setting($"Deep research (part deep): question \"{Question}\", breadth {Breadth}, depth {Depth}: the fake plans 3 sub-questions besides the question " +
            $"itself (4 top-level branches), and each top-level branch's learnings propose the 2 follow-ups asked for (\"<query> details 1\", \"... 2\"), so " +
            $"12 branches; every search finds the fake's {FakeProviderWeb.Pages.Count} pages, each fetched once per research (later reads find it stored); " +
            "written as a deep report is with a model: a section per top-level branch with learnings no other branch stated, then the introduction and " +
            "conclusion (the fake's learnings are the first sentences of much the same passages in every branch, so one top-level branch only has learnings " +
            "no other branch stated: 1 section chat). Latencies: " +
            string.Join("; ", LatencySets.Select(set => $"{set.Label} search {Report.Ms(set.Latencies.Search.TotalMilliseconds)}, page " +
                $"{Report.Ms(set.Latencies.Page.TotalMilliseconds)}, chat {Report.Ms(set.Latencies.Chat.TotalMilliseconds)}")) +
            $". Per series a host of its own: one warm-up research, then {runs}; the client polls the status every " +
            $"{ProviderResearch.PollInterval.TotalMilliseconds:F0} ms.");
        report.Setting("Deep critical path: the longest, over the tree's leaves, of plan search + plan chat + for each branch from the top level down to " +
            "the leaf its search, (top level only) the longest page read, and its learnings chat; + the longest section chat + the introduction-and-conclusion chat. " +
            "Calls are told to their branch by query (a search's body, a learnings prompt's \"Branch query:\" line) against the branchStarted events.");
        report.Setting($"Deep part: load average (1 min) {ProviderResearch.LoadAverage()} as it started.");
        var limitsReported = false;
        foreach (var latencies in LatencySets)
        {
            await using var web = await FakeProviderWeb.StartAsync(latencies.Latencies, maxPlannedSubQuestions: Breadth - 1);
            var walls = new Dictionary<(string Engine, bool Sequential), double>();
            foreach (var (engine, sequential) in latencies.Series)
            {
                var setting = sequential ? engine.With("sequential subtrees", "Research:Limits:SequentialSubtrees", "true") : engine;
                var section = $"deep: {latencies.Label}, {(sequential ? "sequential subtrees" : "all subtrees at once")}, {engine.Label}";
                Console.Error.WriteLine($"[benchmark] {section}");
                var series = await TimeAsync(connectionString, documentsPath, web, latencies.Latencies, setting, runs);
                if (!limitsReported)
                    report.Setting($"Deep part: limits in force on the first series' host (every host alike but for its series' own settings): {series.Limits}.");
                limitsReported = true;
                AddSeries(report, section, series, web);
                if (series.Runs.Count > 0)
                    walls[(engine.Label, sequential)] = Stats.Median(series.Runs.Select(r => r.Timed.WallSeconds).ToList());
            }
            foreach (var engine in latencies.Series.Where(s => s.Sequential).Select(s => s.Engine.Label))
            {
                if (!walls.TryGetValue((engine, false), out var atOnce) || !walls.TryGetValue((engine, true), out var sequentialWall)) continue;
                report.Add($"deep: {latencies.Label}, {engine}", "wall, sequential subtrees / all subtrees at once, medians", Report.N(sequentialWall / atOnce, "F2"),
                    $"{Report.S(sequentialWall)} against {Report.S(atOnce)}");
            }
        }
        report.Setting($"Deep part: load average (1 min) {ProviderResearch.LoadAverage()} as it ended.");
    }

    /// <summary>
    /// A series' timed runs, the engine's warnings and errors its host logged meanwhile (the warm-up's
    /// included), the limits in force on its host, and, when a run stalled, which and how.
    /// </summary>
    private sealed record DeepSeries(IReadOnlyList<DeepRun> Runs, EngineWarnings Warnings, string Limits, string? Stalled);

    /// <summary>
    /// One series on a host of its own: a warm-up research, then <paramref name="runs"/> timed ones,
    /// unless one stalls (does not complete within <see cref="ResearchBound"/>): the series ends there,
    /// since a research left running would slow the next.
    /// </summary>
    private static async Task<DeepSeries> TimeAsync(
        string connectionString, string documentsPath, FakeProviderWeb web, ProviderLatencies latencies, SeriesSetting setting, int runs)
    {
        var warnings = new EngineWarnings();
        var host = await ProviderResearch.StartHostAsync(connectionString, documentsPath, web, "deep", setting.Overrides, warnings);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(host.Urls.Single()) };
            var api = new ResearchApi(http);
            var researches = new List<DeepRun>(runs);
            var current = "the warm-up";
            try
            {
                await ResearchAsync(api, web, latencies);
                for (var run = 1; run <= runs; run++)
                {
                    current = $"timed run {run}";
                    researches.Add(await ResearchAsync(api, web, latencies));
                }
                return new DeepSeries(researches, warnings, LimitsOf(host), null);
            }
            catch (TimeoutException ex)
            {
                return new DeepSeries(researches, warnings, LimitsOf(host), $"{current}: {ex.Message}");
            }
        }
        finally
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }
    }

    /// <summary>The host's settings that bound how much of a tree runs at once, as the host bound them.</summary>
    private static string LimitsOf(WebApplication host)
    {
        T Options<T>() where T : class => host.Services.GetRequiredService<IOptions<T>>().Value;
        var engine = Options<DurableEngineOptions>();
        var limits = Options<ResearchLimits>();
        return $"Research:Limits:MaxConcurrentBranches {limits.MaxConcurrentBranches}, Research:Engine:MaxConcurrentActivities {engine.MaxConcurrentActivities}, " +
            $"MaxConcurrentOrchestrations {engine.MaxConcurrentOrchestrations}, WorkItemVisibilityTimeout {engine.WorkItemVisibilityTimeout.TotalSeconds:F0} s, " +
            $"ControlQueueVisibilityTimeout {engine.ControlQueueVisibilityTimeout.TotalSeconds:F0} s, " +
            $"Research:Providers:MaxConcurrentRequests {Options<ProviderRequestOptions>().MaxConcurrentRequests} (calls to one provider at once)";
    }

    /// <summary>
    /// A series' rows: whether a run stalled; its timings, its tree and the provider calls of its last
    /// run (the fake answers alike every time), when a timed run completed; the engine's warnings.
    /// </summary>
    private static void AddSeries(Report report, string section, DeepSeries series, FakeProviderWeb web)
    {
        if (series.Stalled is { } stalled)
            report.Add(section, "stalled", $"{series.Runs.Count} of the timed runs completed",
                $"{stalled}; the series ended there (its host stopped)");
        if (series.Runs is [.., var last] researches)
        {
            ProviderResearch.AddTimings(report, section, researches.Select(r => r.Timed).ToList(), "the longest chain with each call at its kind's latency");
            var shapes = researches.Select(r => Shape(r.Tree)).Distinct().ToList();
            report.Add(section, "branches explored", string.Join("; ", shapes),
                $"{(shapes.Count == 1 ? "every run" : "runs differ")}; the longest chain as timed ended at branch {string.Join(", ", researches.Select(r => r.Leaf))} (run by run)");
            var calls = last.Timed.Run.Calls;
            var chats = calls.Count(call => call.Kind == ProviderRequestKind.Chat);
            report.Add(section, "provider calls of the last run", $"{calls.Count}",
                $"{calls.Count(call => call.Kind == ProviderRequestKind.Search)} searches, {calls.Count(call => call.Kind == ProviderRequestKind.Page)} page fetches, " +
                $"{chats} model calls: {string.Join(", ", ProviderResearch.ModelCalls(web.ChatRequests.TakeLast(chats)))}; " +
                $"most in flight at once: {string.Join(", ", ProviderResearch.MostInFlight(calls))}");
        }
        var warnings = series.Warnings.Describe();
        report.Add(section, "engine warnings and errors logged", Report.N(series.Warnings.Total, "F0"),
            warnings.Count == 0 ? "none, warm-up included" : $"warm-up included: {string.Join("; ", warnings)}");
    }

    /// <summary>How many branches a tree has, in all and by depth.</summary>
    private static string Shape(IReadOnlyList<Branch> tree) =>
        $"{tree.Count} ({string.Join(", ", tree.GroupBy(b => b.Depth).OrderBy(g => g.Key).Select(g => $"{g.Count()} at depth {g.Key}"))})";

    /// <summary>A deep research run to completion: its timings, its tree as its events tell it, and the leaf its longest chain as timed ended at.</summary>
    private sealed record DeepRun(TimedResearch Timed, IReadOnlyList<Branch> Tree, string Leaf);

    /// <summary>One branch of the tree, from its <c>branchStarted</c> event.</summary>
    private sealed record Branch(string Path, string Parent, int Depth, string Query);

    private static async Task<DeepRun> ResearchAsync(ResearchApi api, FakeProviderWeb web, ProviderLatencies latencies)
    {
        var run = await ProviderResearch.RunAsync(api, web, Request, ResearchBound);
        var tree = (await api.GetEventsAsync(run.Id))
            .Where(e => e.Type == ProgressEventType.BranchStarted)
            .Select(e => e.Data ?? throw new InvalidOperationException($"Research {run.Id}: a branchStarted event without data."))
            .Select(data => new Branch(data["branch"], data["parent"], int.Parse(data["depth"], CultureInfo.InvariantCulture), data["query"]))
            .ToList();
        var chains = Chains(tree, run.Calls);
        var longest = chains.MaxBy(chain => chain.Path.Seconds);
        return new DeepRun(new TimedResearch(run, longest.Path, chains.Max(chain => chain.Path.NominalSeconds(latencies))), tree, longest.Leaf);
    }

    /// <summary>
    /// Every root-to-leaf chain of the tree as dependent phases of its calls: the planner's search
    /// and chat; for each branch from the top level down to the leaf, its search, (top level only)
    /// the page reads, and its learnings chat; then the writing. Pages are fetched once per research,
    /// while the top-level branches read them, so only those wait for a fetch: each is charged the
    /// longest of all (the reads cannot be told apart by branch; with fixed latencies they differ by
    /// well under a millisecond).
    /// </summary>
    private static IReadOnlyList<(string Leaf, CriticalPath Path)> Chains(IReadOnlyList<Branch> tree, IReadOnlyList<TimedProviderRequest> calls)
    {
        var (planSearch, planChat, branchSearches) = ResearchPhases.Planning(calls);
        var searches = branchSearches.ToLookup(call => call.Subject);
        var learnings = ResearchPhases.Chats(calls, ChatPromptKind.Learnings).ToLookup(call => call.Subject);
        var pages = calls.Where(call => call.Kind == ProviderRequestKind.Page).ToList();
        var writing = ResearchPhases.Writing(calls).ToList();
        var byPath = tree.ToDictionary(branch => branch.Path);

        IEnumerable<Phase> PhasesOf(Branch branch)
        {
            yield return new Phase($"depth {branch.Depth} search", CallsOf(searches, branch, "search"));
            if (branch.Depth == 1 && pages.Count > 0)
                yield return new Phase("page reads", pages);
            yield return new Phase($"depth {branch.Depth} learnings", CallsOf(learnings, branch, "learnings chat"));
        }

        IEnumerable<Branch> RootToLeaf(Branch leaf)
        {
            var line = new List<Branch>();
            for (var branch = leaf; ; branch = byPath[branch.Parent])
            {
                line.Insert(0, branch);
                if (branch.Parent.Length == 0) return line;
            }
        }

        return tree.Where(branch => tree.All(other => other.Parent != branch.Path))
            .Select(leaf => (leaf.Path, new CriticalPath([planSearch, planChat, .. RootToLeaf(leaf).SelectMany(PhasesOf), .. writing])))
            .ToList();
    }

    /// <summary>The calls a branch made of one kind, found by its query; none means the calls could not be told to their branches.</summary>
    private static IReadOnlyList<TimedProviderRequest> CallsOf(ILookup<string?, TimedProviderRequest> calls, Branch branch, string what) =>
        calls[branch.Query].ToList() is { Count: > 0 } found
            ? found
            : throw new InvalidOperationException($"No {what} with the query of branch {branch.Path} (\"{branch.Query}\") was timed by the fake.");
}
