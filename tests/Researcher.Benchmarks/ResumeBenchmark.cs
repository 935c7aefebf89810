using System.Diagnostics;
using Researcher.Benchmarks.Infrastructure;

namespace Researcher.Benchmarks;

/// <summary>
/// Resume after kill -9: the host as a process (Release build), a research of several seconds over
/// the generated corpus, killed once the research has logged about half of its events, and started
/// again at once under the same WorkerId. Measured from the restart (the process launch): the host
/// answering <c>GET /</c>, the research's next new event, its completion. First, one research
/// without a kill gives the event count and the times to compare with.
/// </summary>
public static class ResumeBenchmark
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(4);

    public static async Task RunAsync(
        string connectionString, string corpus, int maxSubQuestions, int maxSources, int maxConcurrentActivities, int repeats, Report report)
    {
        const string section = "3. Resume after kill -9";
        var settings = HostSettings.Fresh("Resume", connectionString, corpus, workerId: "resume-worker", maxConcurrentActivities);
        await using var host = new HostProcess("resume", settings);
        var launched = host.Launch();
        var answered = await host.WaitUntilAnsweringAsync(Poll);
        report.Add(section, "cold start: launch to answering GET /", Report.S(Stats.Seconds(launched, answered)),
            "first start of the host on a new task hub");

        try
        {
            // The reference: one research with no kill, watched event by event, after a first one (JIT, index).
            await WatchAsync(host, maxSubQuestions, maxSources);
            var reference = await WatchAsync(host, maxSubQuestions, maxSources);
            var half = (long)Math.Ceiling(reference.EventTimes.Count / 2.0);
            var halfAt = reference.EventTimes[(int)half - 1];
            var nextAt = reference.EventTimes[(int)half];
            report.Add(section, "reference research (no kill, after a warm-up one): duration", Report.S(reference.Seconds),
                $"{reference.EventTimes.Count} events; from event #{half} to #{half + 1} {Report.S(nextAt - halfAt)}, " +
                $"to completion {Report.S(reference.Seconds - halfAt)}");

            for (var repeat = 1; repeat <= repeats; repeat++)
            {
                var id = await host.Api.StartAsync(GeneratedCorpus.Question, maxSubQuestions, maxSources);
                var startedAt = Stopwatch.GetTimestamp();
                var seen = await WaitForSequenceAsync(host, id, half);
                var sinceStart = Stats.Elapsed(startedAt);
                await host.KillAsync();

                var restartedAt = host.Launch();
                var answering = await host.WaitUntilAnsweringAsync(Poll);
                var nextEvent = await WaitForSequenceAsync(host, id, seen + 1, returnTimestamp: true);
                var (status, completedAt) = await host.Api.WaitForEndAsync(id, Poll, Bound);
                if (status.Status != "completed")
                    throw new InvalidOperationException($"Research {id} ended {status.Status} after the restart: {status.Failure}");
                report.Add(section, $"run {repeat}: restart to answering / to next event / to completion",
                    $"{Report.S(Stats.Seconds(restartedAt, answering))} / {Report.S(Stats.Seconds(restartedAt, nextEvent))} / {Report.S(Stats.Seconds(restartedAt, completedAt))}",
                    $"killed at event #{seen} ({Report.S(sinceStart)} after POST); whole research {Report.S(Stats.Seconds(startedAt, completedAt))} incl. the kill");
            }
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"{ex.Message}{Environment.NewLine}{host.Output}", ex);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>One research watched to its end: the seconds after POST at which each event was first seen, and its duration.</summary>
    private static async Task<(List<double> EventTimes, double Seconds)> WatchAsync(HostProcess host, int maxSubQuestions, int maxSources)
    {
        var start = Stopwatch.GetTimestamp();
        var id = await host.Api.StartAsync(GeneratedCorpus.Question, maxSubQuestions, maxSources);
        var times = new List<double>();
        long last = 0;
        var deadline = start + (long)(Stopwatch.Frequency * Bound.TotalSeconds);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var sequence = await host.Api.TryGetLastSequenceAsync(id, last) ?? last;
            var now = Stats.Elapsed(start);
            for (; last < sequence; last++) times.Add(now);
            var status = await host.Api.TryGetStatusAsync(id);
            if (status is { IsFinal: true })
            {
                if (status.Status != "completed") throw new InvalidOperationException($"Reference research {id} ended {status.Status}: {status.Failure}");
                var final = await host.Api.TryGetLastSequenceAsync(id, last) ?? last;
                for (; last < final; last++) times.Add(Stats.Elapsed(start));
                return (times, Stats.Elapsed(start));
            }
            await Task.Delay(Poll);
        }
        throw new TimeoutException($"Reference research {id} did not end within {Bound}.");
    }

    /// <summary>
    /// Polls the event log until the research has logged event #<paramref name="sequence"/>; returns
    /// the last sequence seen, or (with <paramref name="returnTimestamp"/>) the stopwatch timestamp it was seen.
    /// </summary>
    private static async Task<long> WaitForSequenceAsync(HostProcess host, string id, long sequence, bool returnTimestamp = false)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * Bound.TotalSeconds);
        long last = 0;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            last = await host.Api.TryGetLastSequenceAsync(id, last) ?? last;
            if (last >= sequence) return returnTimestamp ? Stopwatch.GetTimestamp() : last;
            await Task.Delay(Poll);
        }
        throw new TimeoutException($"Research {id} had not logged event #{sequence} within {Bound} (last #{last}).");
    }
}
