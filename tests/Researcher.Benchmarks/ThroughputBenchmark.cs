using System.Diagnostics;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Researcher.Benchmarks.Infrastructure;

namespace Researcher.Benchmarks;

/// <summary>
/// Researches per minute: <c>count</c> researches POSTed at once, timed until every one is
/// completed (<c>rounds</c> times, one after the other), against one host process and then against two host processes on one task hub
/// (distinct WorkerIds, the requests split between them). Each host runs one research first, then a
/// warm-up round (JIT); with two hosts the rounds start once each owns some of the task hub's partitions.
/// The CPU time of the hosts and of Azurite (a single-threaded Node process) is read around each round.
/// The end is the latest updatedAt among the researches (the engine's own record), checked by a
/// status poll every second.
/// </summary>
public static class ThroughputBenchmark
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(6);

    public static async Task RunAsync(
        AzuriteProcess azurite, string corpus, int count, int? maxSubQuestions, int? maxSources, int? maxActivities, int? maxOrchestrations, int rounds, Report report)
    {
        var connectionString = azurite.ConnectionString;
        const string section = "4. Researches per minute";
        foreach (var hostCount in (int[])[1, 2])
        {
            var shared = HostSettings.Fresh($"Load{hostCount}", connectionString, corpus, workerId: "unset", maxActivities, maxOrchestrations);
            var hosts = Enumerable.Range(1, hostCount)
                .Select(i => new HostProcess($"load{hostCount}-{i}", shared with { WorkerId = $"load-worker-{i}" }))
                .ToList();
            try
            {
                await Task.WhenAll(hosts.Select(h => h.StartAsync()));
                var balance = hostCount > 1 ? await WaitForBalanceAsync(connectionString, shared.TaskHubName, hosts) : 0;
                await Task.WhenAll(hosts.Select(h => RunOneAsync(h, maxSubQuestions, maxSources)));

                var label = hostCount == 1 ? "one host" : $"{hostCount} hosts, one task hub";
                var rates = new List<double>();
                for (var round = 0; round <= rounds; round++)
                {
                    var hostCpu = hosts.Sum(h => h.CpuTime.TotalSeconds);
                    var azuriteCpu = azurite.CpuTime.TotalSeconds;
                    var startedAt = DateTimeOffset.UtcNow;
                    var clock = Stopwatch.GetTimestamp();
                    var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
                    {
                        var host = hosts[i % hosts.Count];
                        return (Host: host, Id: await host.Api.StartAsync(GeneratedCorpus.Question, maxSubQuestions, maxSources));
                    }));
                    var posted = Stats.Elapsed(clock);
                    var ends = await WaitForAllAsync(ids);
                    var seen = Stats.Elapsed(clock);
                    hostCpu = hosts.Sum(h => h.CpuTime.TotalSeconds) - hostCpu;
                    azuriteCpu = azurite.CpuTime.TotalSeconds - azuriteCpu;
                    var lastUpdate = ends.Max(s => s.UpdatedAt ?? s.CreatedAt);
                    var seconds = (lastUpdate - startedAt).TotalSeconds;
                    if (round > 0) rates.Add(count / seconds * 60);
                    report.Add(section, round == 0 ? $"{label}: warm-up round (not in the median)" : $"{label}: round {round}", $"{Report.N(count / seconds * 60)} researches/min",
                        $"{count} researches in {Report.S(seconds)} (first POST to last updatedAt; last completion seen at {Report.S(seen)}, " +
                        $"POSTs took {Report.S(posted)}); createdAt to updatedAt median {Report.S(Stats.Median(ends.Select(s => s.ServerDuration.TotalSeconds).ToList()))}" +
                        $"; CPU meanwhile: host{(hostCount > 1 ? "s" : "")} {Report.S(hostCpu)}, Azurite {Report.S(azuriteCpu)} " +
                        $"(Azurite {Report.N(100 * azuriteCpu / seen, "F0")}% of one core; all {Report.N(100 * (hostCpu + azuriteCpu) / (seen * Environment.ProcessorCount), "F0")}% of {Environment.ProcessorCount} cores)");
                }
                report.Add(section, $"{label}: median of {rounds} rounds", $"{Report.N(Stats.Median(rates))} researches/min",
                    hostCount > 1 ? $"the hosts' partitions were shared {Report.S(balance)} after both answered" : "");
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"{ex.Message}{Environment.NewLine}{string.Join(Environment.NewLine, hosts.Select(h => h.Output))}", ex);
            }
            finally
            {
                await Task.WhenAll(hosts.Select(h => h.StopAsync()));
                foreach (var host in hosts) await host.DisposeAsync();
            }
        }
    }

    private static async Task RunOneAsync(HostProcess host, int? maxSubQuestions, int? maxSources)
    {
        var id = await host.Api.StartAsync(GeneratedCorpus.Question, maxSubQuestions, maxSources);
        var (status, _) = await host.Api.WaitForEndAsync(id, TimeSpan.FromMilliseconds(200), Bound);
        if (status.Status != "completed") throw new InvalidOperationException($"Warm-up research {id} ended {status.Status}: {status.Failure}");
    }

    private static async Task<List<StatusAnswer>> WaitForAllAsync(IReadOnlyList<(HostProcess Host, string Id)> researches)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * Bound.TotalSeconds);
        var ended = new Dictionary<string, StatusAnswer>();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            foreach (var (host, id) in researches.Where(r => !ended.ContainsKey(r.Id)))
            {
                if (await host.Api.TryGetStatusAsync(id) is not { IsFinal: true } status) continue;
                if (status.Status != "completed") throw new InvalidOperationException($"Research {id} ended {status.Status}: {status.Failure}");
                ended[id] = status;
            }
            if (ended.Count == researches.Count) return [.. ended.Values];
            await Task.Delay(Poll);
        }
        throw new TimeoutException($"{researches.Count - ended.Count} of {researches.Count} researches had not ended within {Bound}.");
    }

    /// <summary>
    /// Waits (at most 90 s) until every host owns at least one partition, as the task hub records it:
    /// the CurrentOwner of each row of the <c>{taskhub}Partitions</c> table (the table partition
    /// manager), or else the Owner in each lease blob <c>{taskhub}-leases/default/...</c> (the blob
    /// one). Returns the seconds waited.
    /// </summary>
    private static async Task<double> WaitForBalanceAsync(string connectionString, string taskHubName, IReadOnlyList<HostProcess> hosts)
    {
        var table = new TableClient(connectionString, $"{taskHubName}Partitions");
        var container = new BlobServiceClient(connectionString).GetBlobContainerClient($"{taskHubName.ToLowerInvariant()}-leases");
        var workers = hosts.Select(h => h.Settings.WorkerId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var start = Stopwatch.GetTimestamp();
        var owners = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (Stats.Elapsed(start) < 90)
        {
            owners.Clear();
            try
            {
                await foreach (var row in table.QueryAsync<TableEntity>())
                {
                    if (row.GetString("CurrentOwner") is { Length: > 0 } owner) owners.Add(owner);
                }
            }
            catch (RequestFailedException)
            {
                // No such table: the blob partition manager.
            }
            try
            {
                await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, "default/", CancellationToken.None))
                {
                    var content = await container.GetBlobClient(blob.Name).DownloadContentAsync();
                    using var lease = JsonDocument.Parse(content.Value.Content.ToString());
                    if (lease.RootElement.TryGetProperty("Owner", out var owner) && owner.GetString() is { Length: > 0 } name)
                        owners.Add(name);
                }
            }
            catch (RequestFailedException)
            {
                // No such container: the table partition manager.
            }
            if (workers.IsSubsetOf(owners)) return Stats.Elapsed(start);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
        Console.Error.WriteLine($"[benchmark] the partitions were not shared within 90 s (owners seen: {string.Join(", ", owners)}); measuring anyway");
        await foreach (var item in new TableServiceClient(connectionString).QueryAsync())
            Console.Error.WriteLine($"[benchmark]   table {item.Name}");
        return Stats.Elapsed(start);
    }
}
