using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Researcher.Testing;

/// <summary>
/// A real Azurite (Blob, Queue and Table emulator) for one test assembly: started on free loopback
/// ports with in-memory storage, ready once it reports all three services listening, and killed
/// (with its child processes) when the tests end. The launcher is <c>node_modules/.bin/azurite</c>
/// at the repository root, or the path in <c>RESEARCHER_AZURITE</c>.
/// Share it through a collection fixture named <see cref="CollectionName"/>.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string CollectionName = "Azurite";
    public const string LauncherVariable = "RESEARCHER_AZURITE";

    /// <summary>The well-known development account every Azurite accepts.</summary>
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly string[] Services = ["Blob", "Queue", "Table"];
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly List<string> output = [];
    private Process? process;
    private int blobPort, queuePort, tablePort;

    /// <summary>A connection string for this Azurite's blob, queue and table endpoints.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";

    /// <summary>A table name no other test uses (letters and digits, as tables require).</summary>
    public static string NewTableName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..16];

    /// <summary>A blob container name no other test uses; <paramref name="prefix"/> is lowercase letters, at most 20.</summary>
    public static string NewContainerName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        var launcher = Environment.GetEnvironmentVariable(LauncherVariable) is { Length: > 0 } configured
            ? configured
            : RepositoryPaths.AzuriteLauncher;
        if (!File.Exists(launcher))
            throw new InvalidOperationException(
                $"Azurite is not installed at {launcher}: run npm ci at the repository root ({RepositoryPaths.Root}), " +
                $"or set {LauncherVariable} to an azurite launcher.");

        (blobPort, queuePort, tablePort) = (FreeLoopbackPort(), FreeLoopbackPort(), FreeLoopbackPort());
        var startInfo = new ProcessStartInfo(launcher)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory.CreateTempSubdirectory("azurite-").FullName,
        };
        foreach (var argument in (string[])[
            "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--inMemoryPersistence",
            "--blobHost", "127.0.0.1", "--blobPort", $"{blobPort}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queuePort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{tablePort}"])
            startInfo.ArgumentList.Add(argument);

        var listening = new HashSet<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Observe(line.Data, listening, ready);
        process.ErrorDataReceived += (_, line) => Observe(line.Data, listening, ready);
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException(
            $"Azurite exited with code {process.ExitCode} before it was ready:{Environment.NewLine}{Output()}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await ready.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"Azurite was not listening within {StartTimeout}:{Environment.NewLine}{Output()}");
        }
    }

    public async Task DisposeAsync()
    {
        if (process is null) return;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private void Observe(string? line, HashSet<string> listening, TaskCompletionSource ready)
    {
        if (line is null) return;
        lock (output)
        {
            output.Add(line);
            foreach (var service in Services)
            {
                if (line.Contains($"{service} service is successfully listening", StringComparison.Ordinal))
                    listening.Add(service);
            }
            if (listening.Count == Services.Length)
                ready.TrySetResult();
        }
    }

    private string Output()
    {
        lock (output) return string.Join(Environment.NewLine, output);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
