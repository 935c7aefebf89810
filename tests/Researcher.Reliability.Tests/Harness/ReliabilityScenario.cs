using System.Runtime.CompilerServices;
using System.Text;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Researcher.Reliability.Tests.Harness;

/// <summary>
/// What one reliability test runs on, made fresh for it and torn down after it whatever happened:
/// a temporary folder holding the generated corpus and Azurite's data, Azurite on its own ports,
/// and the host processes the test starts (all on one task hub). <see cref="RunAsync"/> runs the
/// test's body; when it fails, the failure carries the output of every process: an excerpt in the
/// message, the whole of it in files under the test binaries' <c>reliability-logs/</c> folder.
/// </summary>
public abstract class ReliabilityScenario(ITestOutputHelper testOutput) : IAsyncLifetime
{
    private const int NotableLines = 80;
    private const int TailLines = 40;

    private readonly List<HostProcess> hosts = [];
    private string? root;
    private HostSettings? sharedSettings;

    protected AzuriteProcess Azurite { get; private set; } = null!;

    protected ServedEvents Served { get; } = new();

    /// <summary>The test's own output (shown with its result).</summary>
    protected ITestOutputHelper TestOutput => testOutput;

    protected ResearchWatch Watch => new(Served);

    protected ResearchAssertions Assertions => new(Served);

    public async Task InitializeAsync()
    {
        HostProcess.EnsureBuilt();
        try
        {
            root = Directory.CreateTempSubdirectory("researcher-reliability-").FullName;
            var corpus = Path.Combine(root, "corpus");
            GeneratedCorpus.WriteTo(corpus);
            Azurite = new AzuriteProcess(Path.Combine(root, "azurite"));
            await Azurite.StartAsync();
            sharedSettings = HostSettings.ForNewTest(Azurite.ConnectionString, corpus, workerId: "unset");
        }
        catch (Exception ex)
        {
            await DisposeAsync();
            throw new InvalidOperationException(
                $"Setting up the test failed: {ex.Message}{Environment.NewLine}{Azurite?.Output.Tail(NotableLines)}", ex);
        }
    }

    /// <summary>Starts a host on this test's storage and task hub, under its own <paramref name="workerId"/>.</summary>
    protected async Task<HostProcess> StartHostAsync(string name, string workerId)
    {
        var host = new HostProcess(name, sharedSettings! with { WorkerId = workerId });
        hosts.Add(host);
        await host.StartAsync();
        return host;
    }

    /// <summary>Runs the test's body; a failure is rethrown with every process's output attached.</summary>
    protected async Task RunAsync(Func<Task> body, [CallerMemberName] string testName = "")
    {
        try
        {
            await body();
        }
        catch (Exception ex)
        {
            var processes = hosts.Select(h => h.Output).Append(Azurite.Output).ToList();
            var message = new StringBuilder(ex is ReliabilityException ? ex.Message : ex.ToString());
            message.AppendLine().AppendLine().Append($"The whole output of each process: {SaveOutputs(processes, testName)}");
            foreach (var output in processes) message.AppendLine().Append(output.Excerpt(NotableLines, TailLines));
            throw new XunitException(message.ToString());
        }
    }

    /// <summary>Writes each process's output to a file of its own; returns the folder, or why it could not.</summary>
    private string SaveOutputs(IReadOnlyList<ProcessOutput> processes, string testName)
    {
        try
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "reliability-logs", $"{GetType().Name}.{testName}");
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
            foreach (var output in processes)
                output.WriteTo(Path.Combine(folder, string.Concat(output.Name.Split(" ").Take(2)) + ".log"));
            return folder;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"not saved ({ex.Message})";
        }
    }

    /// <summary>A line in the test's output, and in every host's, so the timelines line up.</summary>
    protected void Note(string message)
    {
        testOutput.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {message}");
        foreach (var host in hosts) host.Output.Note(message);
    }

    public async Task DisposeAsync()
    {
        var failures = new List<Exception>();
        var started = hosts.ToList();
        hosts.Clear();
        foreach (var host in started)
        {
            try { await host.DisposeAsync(); }
            catch (Exception ex) { failures.Add(ex); }
        }
        if (Azurite is not null)
        {
            try { await Azurite.DisposeAsync(); }
            catch (Exception ex) { failures.Add(ex); }
        }
        if (root is not null && Directory.Exists(root))
        {
            try { Directory.Delete(root, recursive: true); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { failures.Add(ex); }
        }
        if (failures.Count > 0) throw new AggregateException("Cleaning up after the test failed.", failures);
    }
}
