using System.Diagnostics;
using Researcher.Testing;

namespace Researcher.Reliability.Tests.Harness;

/// <summary>
/// Azurite (Blob, Queue and Table) as a process that a test can stop and start again on the same
/// ports with its data kept in <see cref="Location"/>: an outage of storage, as the hosts see it.
/// <see cref="StopAsync"/> sends one SIGTERM and waits for the exit, since Azurite saves its data on
/// close; kill -9 would lose its last writes and test the emulator rather than the host. The
/// launcher is <c>node_modules/.bin/azurite</c> at the repository root, or the path in
/// <c>RESEARCHER_AZURITE</c> (as for <see cref="AzuriteFixture"/>).
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly string[] Services = ["Blob", "Queue", "Table"];

    private readonly string launcher;
    private readonly int blobPort, queuePort, tablePort;
    private Process? process;
    private int starts;

    public AzuriteProcess(string location)
    {
        launcher = Environment.GetEnvironmentVariable(AzuriteFixture.LauncherVariable) is { Length: > 0 } configured
            ? configured
            : RepositoryPaths.AzuriteLauncher;
        if (!File.Exists(launcher))
            throw new InvalidOperationException(
                $"Azurite is not installed at {launcher}: run npm ci at the repository root ({RepositoryPaths.Root}), " +
                $"or set {AzuriteFixture.LauncherVariable} to an azurite launcher.");
        Location = location;
        Directory.CreateDirectory(location);
        var ports = LoopbackPorts.Free(3);
        (blobPort, queuePort, tablePort) = (ports[0], ports[1], ports[2]);
    }

    /// <summary>The folder holding Azurite's data across stops.</summary>
    public string Location { get; }

    public ProcessOutput Output { get; } = new("azurite");

    public bool IsRunning => process is { HasExited: false };

    /// <summary>A connection string for this Azurite's blob, queue and table endpoints (the same across restarts).</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    /// <summary>Starts Azurite (again) on its ports and waits until all three services listen.</summary>
    public async Task StartAsync()
    {
        if (IsRunning) throw new InvalidOperationException("Azurite is already running.");
        process?.Dispose();

        var startInfo = new ProcessStartInfo(launcher)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Location,
        };
        foreach (var argument in (string[])[
            "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--location", Location,
            "--blobHost", "127.0.0.1", "--blobPort", $"{blobPort}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queuePort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{tablePort}"])
            startInfo.ArgumentList.Add(argument);

        var label = $"azurite#{++starts}";
        var listening = new HashSet<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        started.OutputDataReceived += (_, line) => Observe(line.Data, listening, ready);
        started.ErrorDataReceived += (_, line) => Observe(line.Data, listening, ready);
        started.Exited += (_, _) => ready.TrySetException(new InvalidOperationException(
            $"Azurite exited with code {started.ExitCode} before it was ready (ports {blobPort}, {queuePort}, {tablePort})."));
        Output.Note($"starting {label} on ports {blobPort}/{queuePort}/{tablePort}");
        started.Start();
        process = started;
        Output.Attach(started, label);

        try
        {
            await ready.Task.WaitAsync(Bounds.ProcessStart);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"Azurite was not listening within {Bounds.ProcessStart}.");
        }
        Output.Note($"{label} listening");
    }

    /// <summary>Stops Azurite with one SIGTERM and waits until it has exited (it saves its data on the way out).</summary>
    public async Task StopAsync()
    {
        if (process is not { HasExited: false } running) throw new InvalidOperationException("Azurite is not running.");
        Output.Note("sending SIGTERM");
        Signals.Terminate(running);
        try
        {
            await running.WaitForExitAsync().WaitAsync(Bounds.ProcessStop);
        }
        catch (TimeoutException)
        {
            running.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Azurite did not exit within {Bounds.ProcessStop} of SIGTERM; it was killed.");
        }
        Output.Note($"exited with code {running.ExitCode}");
    }

    public async ValueTask DisposeAsync()
    {
        if (process is null) return;
        if (!process.HasExited)
        {
            // Cleanup, not an outage: its data is about to be deleted.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(Bounds.ProcessStop);
        }
        process.Dispose();
        process = null;
    }

    private static void Observe(string? line, HashSet<string> listening, TaskCompletionSource ready)
    {
        if (line is null) return;
        lock (listening)
        {
            foreach (var service in Services)
            {
                if (line.Contains($"{service} service is successfully listening", StringComparison.Ordinal))
                    listening.Add(service);
            }
            if (listening.Count == Services.Length) ready.TrySetResult();
        }
    }
}
