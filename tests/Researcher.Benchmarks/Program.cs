using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Researcher.Benchmarks;
using Researcher.Benchmarks.Infrastructure;
using Researcher.LocalHost.Engine;
using Researcher.Testing;

// The Durable Task engine benchmark of the local host (eng/benchmark.sh). Prints one Markdown table
// on standard output (progress goes to standard error); --out FILE writes it to a file too.
// Every engine part runs on an Azurite the benchmark starts on free loopback ports, with its data in
// a temporary folder deleted at the end, as is every process it started. The extraction part runs
// in this process alone and needs no Azurite.

var options = BenchmarkOptions.Parse(args);
if (options is null) return 2;

var root = Directory.CreateTempSubdirectory("researcher-benchmark-").FullName;
var cleanedUp = 0;
void CleanUp()
{
    if (Interlocked.Exchange(ref cleanedUp, 1) == 1) return;
    ChildProcesses.KillAll();
    try { Directory.Delete(root, recursive: true); }
    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { Console.Error.WriteLine($"[benchmark] could not delete {root}: {ex.Message}"); }
}
AppDomain.CurrentDomain.ProcessExit += (_, _) => CleanUp();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => { CleanUp(); Environment.Exit(130); });
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => { CleanUp(); Environment.Exit(143); });

var report = new Report();
var total = Stopwatch.GetTimestamp();
try
{
    if (options.Runs("extraction"))
    {
        Console.Error.WriteLine("[benchmark] web page extraction");
        ExtractionBenchmark.Run(options.ExtractionDocs, options.ExtractionRounds, report);
    }
    if (!options.RunsAnEnginePart)
        return Print();

    var corpus = Path.Combine(root, "corpus");
    GeneratedCorpus.WriteTo(corpus);
    var shippedDocs = Path.Combine(RepositoryPaths.Root, "docs");

    await using var azurite = new AzuriteProcess(Path.Combine(root, "azurite"));
    await azurite.StartAsync();
    Console.Error.WriteLine($"[benchmark] Azurite on 127.0.0.1:{azurite.Ports}, data in {root}/azurite");

    var defaults = new DurableEngineOptions();
    report.Setting($"Engine settings: `DurableEngineOptions` defaults (PartitionCount {defaults.PartitionCount}, MaxConcurrentActivities " +
        $"{defaults.MaxConcurrentActivities}, MaxConcurrentOrchestrations {defaults.MaxConcurrentOrchestrations}, visibility timeouts " +
        $"{defaults.WorkItemVisibilityTimeout.TotalSeconds:F0} s / {defaults.ControlQueueVisibilityTimeout.TotalSeconds:F0} s, " +
        $"MaxQueuePollingInterval {defaults.MaxQueuePollingInterval.TotalSeconds:F0} s, LeaseInterval {defaults.LeaseInterval.TotalSeconds:F0} s) " +
        "except where a row says otherwise; every part on a task hub of its own.");
    report.Setting($"Storage: Azurite (npm, `--location` in a temporary folder) on free loopback ports; generated corpus: " +
        $"{GeneratedCorpus.DocumentCount} Markdown files (seed {GeneratedCorpus.Seed}), question \"{GeneratedCorpus.Question}\".");

    if (options.Runs("1"))
    {
        Console.Error.WriteLine("[benchmark] 1. engine overhead");
        await EngineOverheadBenchmark.RunAsync(azurite.ConnectionString, options.Steps, options.Batches, options.FanOut, report);
    }
    if (options.Runs("2"))
    {
        Console.Error.WriteLine("[benchmark] 2. engine vs in process");
        await InProcessRatioBenchmark.RunAsync(azurite.ConnectionString, "shipped docs/, default spec", shippedDocs,
            "My connection dropped for a while. How do I get the progress updates I missed?", null, null, options.RatioRuns, report);
        await InProcessRatioBenchmark.RunAsync(azurite.ConnectionString, "generated corpus, 8 x 10", corpus,
            GeneratedCorpus.Question, 8, 10, options.RatioRuns, report);
    }
    if (options.Runs("3"))
    {
        Console.Error.WriteLine("[benchmark] 3. resume after kill -9");
        report.Setting($"Resume (3): host process `researcher.dll serve`, research of 8 sub-questions x 10 sources over the generated corpus, " +
            $"Research__Engine__MaxConcurrentActivities={options.ResumeActivities}, restarted under the same WorkerId; the client polls every 50 ms.");
        await ResumeBenchmark.RunAsync(azurite.ConnectionString, corpus, 8, 10, options.ResumeActivities, options.ResumeRepeats, report);
    }
    if (options.Runs("4"))
    {
        Console.Error.WriteLine("[benchmark] 4. researches per minute");
        report.Setting($"Throughput (4): {options.LoadCount} researches of {options.LoadSubQuestions} sub-questions x {options.LoadSources} sources " +
            $"over the generated corpus, POSTed at once: a warm-up round, then {options.LoadRounds} measured rounds, one after the other on the same hosts; " +
            "host processes with the default engine settings" +
            (options.LoadActivities is null && options.LoadOrchestrations is null ? "." :
                $" except MaxConcurrentActivities {options.LoadActivities?.ToString(CultureInfo.InvariantCulture) ?? "default"}, " +
                $"MaxConcurrentOrchestrations {options.LoadOrchestrations?.ToString(CultureInfo.InvariantCulture) ?? "default"}."));
        await ThroughputBenchmark.RunAsync(azurite, corpus, options.LoadCount, options.LoadSubQuestions, options.LoadSources,
            options.LoadActivities, options.LoadOrchestrations, options.LoadRounds, report);
    }
    if (options.Runs("live"))
    {
        Console.Error.WriteLine("[benchmark] live progress (local hub)");
        await LiveProgressBenchmark.RunAsync(azurite, shippedDocs, new LiveProgressBenchmark.Sizes(
            options.LiveSequential, options.LiveConcurrent, options.LiveRounds, options.HubDeliveries, options.BrowserResearches), report);
    }
    if (options.Runs("providers"))
    {
        Console.Error.WriteLine("[benchmark] research against slow providers (fake model, search and pages)");
        await ProviderLatencyBenchmark.RunAsync(azurite.ConnectionString, shippedDocs, options.ProviderRuns, report);
    }
    if (options.Runs("deep"))
    {
        Console.Error.WriteLine("[benchmark] deep research against slow providers (fake model, search and pages)");
        await DeepResearchBenchmark.RunAsync(azurite.ConnectionString, shippedDocs, options.DeepRuns, report);
    }
}
catch (Exception ex)
{
    Console.Error.WriteLine($"[benchmark] failed: {ex}");
    CleanUp();
    return 1;
}
finally
{
    CleanUp();
}

return Print();

int Print()
{
    var markdown = report.ToMarkdown(Machine.Describe(Stats.Elapsed(total)));
    if (options.Parts.SetEquals(["live"]))
        markdown = markdown.Replace("## Durable Task engine benchmark", "## Live progress (local hub) benchmark");
    if (options.Parts.SetEquals(["providers"]))
        markdown = markdown.Replace("## Durable Task engine benchmark", "## Research against slow providers benchmark");
    if (options.Parts.SetEquals(["deep"]))
        markdown = markdown.Replace("## Durable Task engine benchmark", "## Deep research against slow providers benchmark");
    if (options.Parts.SetEquals(["extraction"]))
        markdown = markdown.Replace("## Durable Task engine benchmark", "## Web page extraction benchmark");
    Console.WriteLine(markdown);
    if (options.Out is { } outPath)
        File.WriteAllText(outPath, markdown);
    return 0;
}

/// <summary>The command line: which parts run and how big each is.</summary>
internal sealed record BenchmarkOptions(
    string? Out, HashSet<string> Parts, int Steps, int Batches, int FanOut, int RatioRuns, int ResumeRepeats, int ResumeActivities,
    int LoadCount, int LoadSubQuestions, int LoadSources, int? LoadActivities, int? LoadOrchestrations, int LoadRounds,
    int LiveSequential, int LiveConcurrent, int LiveRounds, int HubDeliveries, int BrowserResearches,
    string ExtractionDocs, int ExtractionRounds, int ProviderRuns, int DeepRuns)
{
    /// <summary>
    /// Parts 1 to 4 run unless --parts names others; the live-progress part ("live"), the web page
    /// extraction part ("extraction", which needs the Python documentation) and the slow-provider parts
    /// ("providers", "deep") only when named.
    /// </summary>
    public bool Runs(string part) => Parts.Count == 0 ? part is not ("live" or "extraction" or "providers" or "deep") : Parts.Contains(part);

    /// <summary>True when a part that needs Azurite runs (every part but extraction).</summary>
    public bool RunsAnEnginePart => new[] { "1", "2", "3", "4", "live", "providers", "deep" }.Any(Runs);

    public static BenchmarkOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                return Usage($"unexpected argument '{args[i]}'");
            values[args[i][2..]] = args[++i];
        }
        string[] known = ["out", "parts", "steps", "batches", "fan-out", "runs", "resume-repeats", "resume-activities", "load", "load-subquestions", "load-sources", "load-activities", "load-orchestrations", "load-rounds",
            "live-sequential", "live-concurrent", "live-rounds", "hub-deliveries", "browser-researches", "extraction-docs", "extraction-rounds",
            "provider-runs", "deep-runs"];
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown) return Usage($"unknown option --{unknown}");
        int Number(string name, int fallback) => values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        var parts = values.TryGetValue("parts", out var list) ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet() : [];
        return new BenchmarkOptions(values.GetValueOrDefault("out"), parts,
            Number("steps", 200), Number("batches", 50), Number("fan-out", 10), Number("runs", 5),
            Number("resume-repeats", 3), Number("resume-activities", 2),
            Number("load", 20), Number("load-subquestions", 4), Number("load-sources", 5),
            values.ContainsKey("load-activities") ? Number("load-activities", 0) : null,
            values.ContainsKey("load-orchestrations") ? Number("load-orchestrations", 0) : null,
            Number("load-rounds", 3),
            Number("live-sequential", 10), Number("live-concurrent", 50), Number("live-rounds", 1), Number("hub-deliveries", 50000),
            Number("browser-researches", 5),
            values.GetValueOrDefault("extraction-docs", ExtractionBenchmark.DefaultDocs), Number("extraction-rounds", 3), Number("provider-runs", 5),
            Number("deep-runs", 3));
    }

    private static BenchmarkOptions? Usage(string problem)
    {
        Console.Error.WriteLine($"researcher benchmark: {problem}");
        Console.Error.WriteLine("options: --out FILE --parts 1,2,3,4,live,extraction,providers,deep --steps N --batches N --fan-out N --runs K --resume-repeats N " +
            "--resume-activities N --load N --load-subquestions N --load-sources N --load-activities N --load-orchestrations N --load-rounds N " +
            "--live-sequential N --live-concurrent N --live-rounds N --hub-deliveries N --browser-researches N (0: no browser) " +
            "--extraction-docs DIR --extraction-rounds N --provider-runs N --deep-runs N");
        return null;
    }
}

/// <summary>The machine line of the report: cores, CPU, memory, OS, runtime, date.</summary>
internal static class Machine
{
    public static string Describe(double totalSeconds)
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? "unknown CPU";
        var memory = ReadField("/proc/meminfo", "MemTotal") is { } kb && long.TryParse(kb.Split(' ')[0], out var value)
            ? $"{value / 1024.0 / 1024.0:F0} GB RAM" : "RAM unknown";
        var os = File.Exists("/etc/os-release")
            ? File.ReadAllLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?[12..].Trim('"')
            : null;
        return $"Machine: `nproc` {Environment.ProcessorCount} ({cpu}), {memory}, {os ?? RuntimeInformation.OSDescription}, " +
            $".NET {Environment.Version}, Release build. Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {totalSeconds:F0} s in all.";
    }

    private static string? ReadField(string path, string name)
    {
        if (!File.Exists(path)) return null;
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
        return line?[(line.IndexOf(':') + 1)..].Trim();
    }
}
