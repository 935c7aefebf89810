using System.Diagnostics;
using System.Net;
using Researcher.Testing;

namespace Researcher.Reliability.Tests.Harness;

/// <summary>
/// One local host (<c>researcher serve</c>) as a process: started from the Release build with its
/// settings in environment variables, ready once <c>GET /</c> answers 200, killed with SIGKILL
/// (<see cref="Process.Kill(bool)"/> on Linux) and started again with the same settings, WorkerId
/// included. Its output, across restarts, is kept in <see cref="Output"/>.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    public const string HostDllVariable = "RESEARCHER_HOST_DLL";

    private readonly IReadOnlyDictionary<string, string> environment;
    private Process? process;
    private int starts;

    public HostProcess(string name, HostSettings settings)
    {
        Name = name;
        Settings = settings;
        environment = settings.ToEnvironment();
        Port = LoopbackPorts.Free(1)[0];
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
        Output = new ProcessOutput($"host {name} (WorkerId {settings.WorkerId}, port {Port})");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = Bounds.Request + TimeSpan.FromSeconds(10) };
        Api = new ResearchApiClient(name, Client);
    }

    /// <summary>The Release build of the host, found from the repository root (or <c>RESEARCHER_HOST_DLL</c>).</summary>
    public static string HostDll =>
        Environment.GetEnvironmentVariable(HostDllVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryPaths.Root, "functions", "Researcher.LocalHost", "bin", "Release", "net10.0", "researcher.dll");

    /// <summary>Fails with what to do when the host has not been built.</summary>
    public static void EnsureBuilt()
    {
        if (!File.Exists(HostDll))
            throw new InvalidOperationException(
                $"The local host is not built: {HostDll} does not exist. Build it first with " +
                "`dotnet build functions/Researcher.LocalHost -c Release` (eng/test.sh builds the whole solution in Release), " +
                $"or set {HostDllVariable} to a built researcher.dll.");
    }

    public string Name { get; }

    public HostSettings Settings { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public ResearchApiClient Api { get; }

    public ProcessOutput Output { get; }

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Starts the host (again, after a kill) and waits until <c>GET /</c> answers 200.</summary>
    public async Task StartAsync()
    {
        if (IsRunning) throw new InvalidOperationException($"Host {Name} is already running.");
        EnsureBuilt();
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
        // Only this test's settings reach the host: nothing of the runner's own Research__ or ASP.NET Core settings.
        foreach (var key in startInfo.Environment.Keys.ToList())
        {
            if (key.StartsWith("Research__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase))
                startInfo.Environment.Remove(key);
        }
        foreach (var (key, value) in environment) startInfo.Environment[key] = value;
        startInfo.Environment["DOTNET_NOLOGO"] = "1";

        var label = $"{Name}#{++starts}";
        Output.Note($"starting {label}");
        var started = new Process { StartInfo = startInfo };
        started.Start();
        process = started;
        Output.Attach(started, label);
        await WaitUntilAnsweringAsync(started, label);
        Output.Note($"{label} answers GET /");
    }

    /// <summary>kill -9 of the host (and anything it started), then waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (process is not { HasExited: false } running) throw new InvalidOperationException($"Host {Name} is not running.");
        Output.Note("kill -9");
        running.Kill(entireProcessTree: true);
        await running.WaitForExitAsync().WaitAsync(Bounds.ProcessStop);
        Output.Note($"killed (exit code {running.ExitCode})");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (process is null) return;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(Bounds.ProcessStop);
        }
        process.Dispose();
        process = null;
    }

    private async Task WaitUntilAnsweringAsync(Process started, string label)
    {
        var deadline = DateTime.UtcNow + Bounds.ProcessStart;
        var lastProblem = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            if (started.HasExited)
                throw new InvalidOperationException($"Host {label} exited with code {started.ExitCode} before it answered GET /.");
            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var response = await Client.GetAsync("/", probe.Token);
                if (response.StatusCode == HttpStatusCode.OK) return;
                lastProblem = $"GET / answered {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                lastProblem = $"GET / failed: {ex.Message}";
            }
            await Task.Delay(Bounds.PollInterval);
        }
        throw new InvalidOperationException($"Host {label} did not answer GET / with 200 within {Bounds.ProcessStart} ({lastProblem}).");
    }
}
