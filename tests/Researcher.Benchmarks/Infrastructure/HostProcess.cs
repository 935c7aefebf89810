using System.Diagnostics;
using System.Net;
using Researcher.Testing;

namespace Researcher.Benchmarks.Infrastructure;

/// <summary>The settings a host process gets as environment variables (one task hub may be shared by several hosts).</summary>
public sealed record HostSettings(
    string StorageConnectionString,
    string ContainerName,
    string EventsTableName,
    string TaskHubName,
    string WorkerId,
    string DocumentsPath,
    int? MaxConcurrentActivities = null,
    int? MaxConcurrentOrchestrations = null)
{
    /// <summary>Fresh storage names and task hub, under <paramref name="label"/> (letters only).</summary>
    public static HostSettings Fresh(
        string label, string connectionString, string documentsPath, string workerId, int? maxConcurrentActivities = null, int? maxConcurrentOrchestrations = null)
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        return new HostSettings(connectionString, $"bench-{label.ToLowerInvariant()}-{unique}", $"Events{label}{unique}",
            $"Bench{label}{unique}", workerId, documentsPath, maxConcurrentActivities, maxConcurrentOrchestrations);
    }

    public IReadOnlyDictionary<string, string> ToEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["Research__Storage__ConnectionString"] = StorageConnectionString,
            ["Research__Storage__ContainerName"] = ContainerName,
            ["Research__Storage__EventsTableName"] = EventsTableName,
            ["Research__Engine__TaskHubName"] = TaskHubName,
            ["Research__Engine__WorkerId"] = WorkerId,
            ["Research__Documents__Path"] = DocumentsPath,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled",
        };
        if (MaxConcurrentActivities is { } activities)
            environment["Research__Engine__MaxConcurrentActivities"] = $"{activities}";
        if (MaxConcurrentOrchestrations is { } orchestrations)
            environment["Research__Engine__MaxConcurrentOrchestrations"] = $"{orchestrations}";
        return environment;
    }
}

/// <summary>
/// One local host (<c>researcher serve</c>) as a process, from the Release build, as an operator runs
/// it: started with its settings in environment variables, answering once <c>GET /</c> is 200,
/// killed with SIGKILL and started again with the same settings (WorkerId included).
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> environment;
    private Process? process;

    public HostProcess(string name, HostSettings settings)
    {
        Name = name;
        Settings = settings;
        environment = settings.ToEnvironment();
        BaseAddress = new Uri($"http://127.0.0.1:{LoopbackPorts.Free(1)[0]}");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Api = new ResearchApi(Http);
        Output = new OutputTail($"host {name}");
    }

    public static string HostDll => Path.Combine(RepositoryPaths.Root, "functions", "Researcher.LocalHost", "bin", "Release", "net10.0", "researcher.dll");

    public string Name { get; }

    public HostSettings Settings { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public ResearchApi Api { get; }

    public OutputTail Output { get; }

    /// <summary>CPU time the running process has used so far (zero when it is not running).</summary>
    public TimeSpan CpuTime => CpuTimeOf(process);

    internal static TimeSpan CpuTimeOf(Process? running)
    {
        try
        {
            if (running is not { HasExited: false }) return TimeSpan.Zero;
            running.Refresh();
            return running.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>Starts the process; returns the stopwatch timestamp taken just before it was started.</summary>
    public long Launch()
    {
        if (process is { HasExited: false }) throw new InvalidOperationException($"Host {Name} is already running.");
        if (!File.Exists(HostDll))
            throw new InvalidOperationException($"The local host is not built: {HostDll} is missing (eng/benchmark.sh builds it).");
        process?.Dispose();

        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(HostDll)!,
        };
        foreach (var argument in (string[])[HostDll, "serve", "--urls", BaseAddress.ToString().TrimEnd('/')])
            startInfo.ArgumentList.Add(argument);
        foreach (var key in startInfo.Environment.Keys.ToList())
        {
            if (key.StartsWith("Research__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase))
                startInfo.Environment.Remove(key);
        }
        foreach (var (key, value) in environment) startInfo.Environment[key] = value;
        startInfo.Environment["DOTNET_NOLOGO"] = "1";

        var started = new Process { StartInfo = startInfo };
        var launchedAt = Stopwatch.GetTimestamp();
        started.Start();
        ChildProcesses.Track(started);
        process = started;
        Output.Add($"=== started (pid {started.Id}) ===");
        Output.Attach(started);
        return launchedAt;
    }

    /// <summary>Polls <c>GET /</c> every <paramref name="interval"/> until it answers 200; returns the stopwatch timestamp of that answer.</summary>
    public async Task<long> WaitUntilAnsweringAsync(TimeSpan interval, TimeSpan? bound = null)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * (long)(bound ?? TimeSpan.FromSeconds(90)).TotalSeconds;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process is not { HasExited: false })
                throw new InvalidOperationException($"Host {Name} exited before it answered.{Environment.NewLine}{Output}");
            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var response = await Http.GetAsync("/", probe.Token);
                if (response.StatusCode == HttpStatusCode.OK) return Stopwatch.GetTimestamp();
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(interval);
        }
        throw new InvalidOperationException($"Host {Name} did not answer GET / in time.{Environment.NewLine}{Output}");
    }

    public async Task StartAsync()
    {
        Launch();
        await WaitUntilAnsweringAsync(TimeSpan.FromMilliseconds(100));
    }

    /// <summary>kill -9 (SIGKILL to the process and its children), then waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (process is not { HasExited: false } running) throw new InvalidOperationException($"Host {Name} is not running.");
        running.Kill(entireProcessTree: true);
        await running.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Output.Add("=== killed ===");
    }

    /// <summary>One SIGTERM, then a bounded wait (SIGKILL after it).</summary>
    public async Task StopAsync()
    {
        if (process is not { HasExited: false } running) return;
        Signals.Terminate(running);
        try
        {
            await running.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (process is null) return;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        ChildProcesses.Forget(process);
        process.Dispose();
        process = null;
    }
}
