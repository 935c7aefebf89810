using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.LocalHost.Live;

namespace Researcher.Benchmarks.Live;

/// <summary>
/// Messages per second one local hub delivers: IHubContext&lt;ResearchHub&gt; sends <c>progress</c>
/// messages (a real event, its sequence number counting up) to the groups of K connected clients,
/// as HubProgressNotifier does, one sender per group awaiting each send (a research's events go one
/// after the other). Timed from the first send to the last message's arrival in a client's handler;
/// each connection checks that its messages arrive in order and that all arrive. A warm-up pass of a
/// tenth of the messages comes first, on the same connections.
/// </summary>
public static class HubThroughput
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    private static readonly (int Groups, int ConnectionsPerGroup)[] Shapes = [(1, 1), (50, 1), (1, 50)];

    public static async Task RunAsync(IHubContext<ResearchHub> hub, Uri baseAddress, ProgressEvent sample, int maxMessageBytes, int deliveries, Report report)
    {
        const string section = "6. Local hub deliveries per second";
        var bytes = JsonSerializer.SerializeToUtf8Bytes(LiveProgress.MessageOf(sample, maxMessageBytes), ResearchJson.Options).Length;
        foreach (var (groups, perGroup) in Shapes)
        {
            var connections = groups * perGroup;
            var perGroupMessages = Math.Max(1, deliveries / connections);
            var sinks = Enumerable.Range(0, connections).Select(_ => new Sink()).ToArray();
            var clients = await Task.WhenAll(sinks.Select(s => LiveClient.ConnectAsync(baseAddress, s.Receive)));
            try
            {
                var groupIds = Enumerable.Range(0, groups).Select(_ => ResearchIds.New()).ToArray();
                for (var c = 0; c < connections; c++)
                    await hub.Groups.AddToGroupAsync(clients[c].ConnectionId, LiveProgress.GroupOf(groupIds[c / perGroup]));

                var warmUp = Math.Max(1, perGroupMessages / 10);
                var messages = groupIds.Select(id => Enumerable.Range(1, warmUp + perGroupMessages)
                    .Select(sequence => LiveProgress.MessageOf(sample with { ResearchId = id, Sequence = sequence }, maxMessageBytes)).ToArray()).ToArray();

                await PassAsync(hub, groupIds, messages, 0, warmUp, sinks, perGroup);
                var gcPause = GC.GetTotalPauseDuration();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var pass = await PassAsync(hub, groupIds, messages, warmUp, perGroupMessages, sinks, perGroup);
                var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                var paused = (GC.GetTotalPauseDuration() - gcPause).TotalMilliseconds;

                var shape = $"{groups} group{(groups == 1 ? "" : "s")} x {perGroup} connection{(perGroup == 1 ? "" : "s")}";
                var anomalies = pass.Missing + sinks.Sum(s => s.OutOfOrder);
                report.Add(section, $"{shape}: {groups * perGroupMessages} messages sent, {pass.Expected} deliveries",
                    $"{Report.N(pass.Expected / pass.Seconds, "F0")} deliveries/s",
                    $"{pass.Expected} deliveries in {Report.S(pass.Seconds)} (first send to last arrival; the sends had returned after {Report.S(pass.SendSeconds)}); " +
                    $"{Report.N(groups * perGroupMessages / pass.Seconds, "F0")} sends/s; message {bytes} bytes of JSON; " +
                    $"anomalies {anomalies} (not arrived {pass.Missing}, out of order {sinks.Sum(s => s.OutOfOrder)}); " +
                    $"CPU of this process {Report.S(cpuSeconds)} ({Report.N(100 * cpuSeconds / (pass.Seconds * Environment.ProcessorCount), "F0")}% of {Environment.ProcessorCount} cores), GC paused {Report.Ms(paused)}");
            }
            finally
            {
                foreach (var client in clients) await client.DisposeAsync();
            }
        }
    }

    private sealed record PassResult(int Expected, int Missing, double Seconds, double SendSeconds);

    private static async Task<PassResult> PassAsync(
        IHubContext<ResearchHub> hub, string[] groupIds, JsonElement[][] messages, int from, int count, Sink[] sinks, int perGroup)
    {
        var expected = groupIds.Length * perGroup * count;
        var pass = new Pass(expected);
        foreach (var sink in sinks) sink.Pass = pass;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(groupIds.Select((id, g) => Task.Run(async () =>
        {
            var group = hub.Clients.Group(LiveProgress.GroupOf(id));
            for (var i = from; i < from + count; i++) await group.SendAsync(LiveProgress.MethodName, messages[g][i]);
        })));
        var sent = Stats.Elapsed(start);
        try
        {
            await pass.AllArrived.Task.WaitAsync(Bound);
        }
        catch (TimeoutException)
        {
            Console.Error.WriteLine($"[benchmark] hub: {expected - pass.Arrived} of {expected} deliveries had not arrived within {Bound}");
        }
        var arrived = pass.Arrived;
        return new PassResult(expected, expected - arrived, Stats.Milliseconds(start, pass.LastAt) / 1000, sent);
    }

    /// <summary>The deliveries of one pass, over all connections.</summary>
    private sealed class Pass(int expected)
    {
        private int arrived;
        private long lastAt;

        public TaskCompletionSource AllArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Arrived => Volatile.Read(ref arrived);

        public long LastAt => Interlocked.Read(ref lastAt);

        public void Arrive(long at)
        {
            long seen;
            do seen = Interlocked.Read(ref lastAt);
            while (at > seen && Interlocked.CompareExchange(ref lastAt, at, seen) != seen);
            if (Interlocked.Increment(ref arrived) == expected) AllArrived.TrySetResult();
        }
    }

    /// <summary>One connection's handler: counts and checks the order of what arrives.</summary>
    private sealed class Sink
    {
        private long last;
        private int outOfOrder;

        public Pass? Pass { get; set; }

        public int OutOfOrder => Volatile.Read(ref outOfOrder);

        public void Receive(long at, JsonElement message)
        {
            var sequence = message.GetProperty("sequence").GetInt64();
            if (sequence != last + 1) Interlocked.Increment(ref outOfOrder);
            last = sequence;
            Pass?.Arrive(at);
        }
    }
}
