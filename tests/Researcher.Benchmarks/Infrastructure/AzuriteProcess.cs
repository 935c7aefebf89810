using System.Diagnostics;
using Researcher.Testing;

namespace Researcher.Benchmarks.Infrastructure;

/// <summary>
/// Azurite (Blob, Queue, Table) on free loopback ports with its data under a folder of the
/// benchmark's (<c>--location</c>), as the reliability suite starts it: ready once all three
/// services report listening. The launcher is <c>node_modules/.bin/azurite</c> at the repository
/// root, or <c>RESEARCHER_AZURITE</c>.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly string[] Services = ["Blob", "Queue", "Table"];

    private readonly int blobPort, queuePort, tablePort;
    private readonly string location;
    private Process? process;

    public AzuriteProcess(string location)
    {
        this.location = location;
        Directory.CreateDirectory(location);
        var ports = LoopbackPorts.Free(3);
        (blobPort, queuePort, tablePort) = (ports[0], ports[1], ports[2]);
    }

    public OutputTail Output { get; } = new("azurite");

    /// <summary>CPU time Azurite has used so far.</summary>
    public TimeSpan CpuTime => HostProcess.CpuTimeOf(process);

    public string Ports => $"{blobPort}/{queuePort}/{tablePort}";

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    public async Task StartAsync()
    {
        var launcher = Environment.GetEnvironmentVariable(AzuriteFixture.LauncherVariable) is { Length: > 0 } configured
            ? configured
            : RepositoryPaths.AzuriteLauncher;
        if (!File.Exists(launcher))
            throw new InvalidOperationException($"Azurite is not installed at {launcher}: run npm ci at {RepositoryPaths.Root} (eng/benchmark.sh does).");

        var startInfo = new ProcessStartInfo(launcher)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = location,
        };
        foreach (var argument in (string[])[
            "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--location", location,
            "--blobHost", "127.0.0.1", "--blobPort", $"{blobPort}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queuePort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{tablePort}"])
            startInfo.ArgumentList.Add(argument);

        var listening = new HashSet<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        started.OutputDataReceived += (_, line) => Observe(line.Data, listening, ready);
        started.ErrorDataReceived += (_, line) => Observe(line.Data, listening, ready);
        started.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"Azurite exited before it was ready.{Environment.NewLine}{Output}"));
        started.Start();
        ChildProcesses.Track(started);
        process = started;
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (process is null) return;
        if (!process.HasExited)
        {
            // Its data is deleted with the benchmark's folder: no need to let it save.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        ChildProcesses.Forget(process);
        process.Dispose();
        process = null;
    }

    private void Observe(string? line, HashSet<string> listening, TaskCompletionSource ready)
    {
        if (line is null) return;
        Output.Add(line);
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
