using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using Researcher.Testing;

namespace Researcher.Benchmarks.Live;

/// <summary>
/// The write-to-handler latency in a real browser: headless Chromium (the Debian package at
/// /usr/bin/chromium, driven by Playwright, which never downloads a browser) opens a page of the
/// benchmark's, served by the host under test (<see cref="MapPage"/>), that loads the
/// SignalR JS client from node_modules and connects as the web client does (<c>withUrl(origin +
/// "/api")</c>, WebSockets only). Its <c>progress</c> handler stamps <c>performance.timeOrigin +
/// performance.now()</c>; the host's write end is the DateTime.UtcNow the decorated event log took as
/// each append returned. One research at a time, each in a new page.
/// </summary>
internal static class BrowserLatency
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private const string PageHtml = """
        <!doctype html>
        <meta charset="utf-8">
        <title>Live progress benchmark</title>
        <script src="/bench/signalr.min.js"></script>
        <script src="/bench/live.js"></script>
        """;

    private const string PageScript = """
        window.received = [];
        window.ready = (async () => {
          const connection = new signalR.HubConnectionBuilder()
            .withUrl(location.origin + "/api", { transport: signalR.HttpTransportType.WebSockets })
            .configureLogging(signalR.LogLevel.Warning)
            .build();
          connection.on("progress", e => {
            const at = performance.timeOrigin + performance.now();
            window.received.push([e.researchId, e.sequence, e.type, at]);
          });
          await connection.start();
          window.connection = connection;
          return connection.connectionId;
        })();
        """;

    private static string SignalRScript => Path.Combine(RepositoryPaths.Root, "node_modules", "@microsoft", "signalr", "dist", "browser", "signalr.min.js");

    /// <summary>
    /// The benchmark's page, served by the host under test (so under its security headers, and from a
    /// loopback address: Chromium's local-network-access checks block a WebSocket to 127.0.0.1 from a
    /// page Playwright fulfils itself). Call before the app starts.
    /// </summary>
    public static void MapPage(WebApplication app)
    {
        app.MapGet("/bench/live.html", () => Results.Text(PageHtml, "text/html; charset=utf-8"));
        app.MapGet("/bench/live.js", () => Results.Text(PageScript, "text/javascript; charset=utf-8"));
        app.MapGet("/bench/signalr.min.js", () => Results.File(SignalRScript, "text/javascript; charset=utf-8"));
    }

    public static async Task RunAsync(LiveProgressBenchmark.LatencyRun run, int researches, Report report)
    {
        var section = "7. Live progress in Chromium, write to handler (1 research at a time)";
        if (!File.Exists(ChromiumPath))
        {
            report.Add(section, "skipped", "-", $"Chromium is not installed at {ChromiumPath} (apt-get install -y chromium)");
            return;
        }
        if (!File.Exists(SignalRScript))
            throw new InvalidOperationException($"The SignalR JS client is missing ({SignalRScript}): run npm ci at {RepositoryPaths.Root}.");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = Flags,
        });
        var browserVersion = browser.Version;
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = run.BaseAddress.ToString() });
        var pageErrors = new List<string>();
        context.Page += (_, page) =>
        {
            page.Console += (_, message) =>
            {
                // The browser asks for /favicon.ico on its own; the host has none (404).
                if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal))
                    lock (pageErrors) pageErrors.Add($"{message.Text} ({message.Location})");
            };
            page.PageError += (_, error) => { lock (pageErrors) pageErrors.Add(error); };
        };

        // One page first, not measured (the browser's first connection, JIT of the host's paths).
        var offsets = new List<(double Offset, double RoundTrip)>();
        var latencies = new List<double>();
        (double Latency, string Type, long Sequence, double ToSent) slowest = (double.MinValue, "", 0, double.NaN);
        int written = 0, received = 0, missing = 0, duplicates = 0, outOfOrder = 0, gaps = 0, firstNotOne = 0, unwritten = 0, otherResearch = 0, noFinal = 0, notCompleted = 0;
        for (var i = 0; i <= researches; i++)
        {
            var page = await context.NewPageAsync();
            try
            {
                await page.GotoAsync("/bench/live.html");
                var connectionId = await page.EvaluateAsync<string>("() => window.ready");
                offsets.Add(await ClockOffsetAsync(page));

                var researchId = await run.Api.StartAsync(LiveProgressBenchmark.Question);
                var body = JsonSerializer.Serialize(new { connectionId });
                using (var response = await run.Http.PostAsync($"/api/research/{researchId}/subscribe",
                    new StringContent(body, System.Text.Encoding.UTF8, "application/json")))
                {
                    if (!response.IsSuccessStatusCode)
                        throw new InvalidOperationException($"Subscribing the browser to {researchId} answered {(int)response.StatusCode}.");
                }
                run.Stamps.Release(researchId);
                try
                {
                    await page.WaitForFunctionAsync(
                        "id => window.received.some(r => r[0] === id && ['researchCompleted', 'researchFailed', 'researchCancelled'].includes(r[2]))",
                        researchId, new PageWaitForFunctionOptions { Timeout = (float)Bound.TotalMilliseconds, PollingInterval = 50 });
                }
                catch (PlaywrightException)
                {
                    if (i > 0) noFinal++;
                }
                var (status, _) = await run.Api.WaitForEndAsync(researchId, TimeSpan.FromMilliseconds(100), Bound);
                if (i == 0) continue;
                if (status.Status != "completed") notCompleted++;

                using var rows = JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.received)"));
                var log = run.Stamps.Of(researchId);
                written += log.Count;
                var seen = new HashSet<long>();
                long previous = 0;
                var index = 0;
                foreach (var row in rows.RootElement.EnumerateArray())
                {
                    received++;
                    if (row[0].GetString() != researchId) { otherResearch++; continue; }
                    var sequence = row[1].GetInt64();
                    var at = row[3].GetDouble();
                    if (!seen.Add(sequence)) duplicates++;
                    if (index == 0 && sequence != 1) firstNotOne++;
                    if (index > 0 && sequence <= previous) outOfOrder++;
                    else if (index > 0 && sequence != previous + 1) gaps++;
                    previous = sequence;
                    index++;
                    if (!run.Stamps.TryGet(researchId, sequence, out var stamp)) { unwritten++; continue; }
                    var latency = at - (stamp.WrittenUtc - DateTime.UnixEpoch).TotalMilliseconds;
                    latencies.Add(latency);
                    if (latency > slowest.Latency)
                        slowest = (latency, row[2].GetString() ?? "", sequence, stamp.SentAt > 0 ? Stats.Milliseconds(stamp.WrittenAt, stamp.SentAt) : double.NaN);
                }
                missing += log.Count(s => !seen.Contains(s.Event.Sequence));
            }
            finally
            {
                await page.CloseAsync();
            }
        }

        var anomalies = missing + duplicates + outOfOrder + gaps + firstNotOne + unwritten + otherResearch + noFinal + notCompleted + pageErrors.Count;
        var best = offsets.MinBy(o => o.RoundTrip);
        report.Add(section, "events measured", latencies.Count.ToString(CultureInfo.InvariantCulture),
            $"{researches} researches one after the other, each in a new page (after one not measured); {written} events written, {received} messages received; " +
            $"Chromium {browserVersion} headless, SignalR JS client from node_modules/@microsoft/signalr, WebSockets");
        report.Add(section, "write end to handler, p50 / p95 / p99",
            $"{Report.Ms(Stats.Percentile(latencies, 50))} / {Report.Ms(Stats.Percentile(latencies, 95))} / {Report.Ms(Stats.Percentile(latencies, 99))}",
            $"page's performance.timeOrigin + performance.now() at the handler minus the host's DateTime.UtcNow at the write end; the page's clock read " +
            $"{Report.Ms(best.Offset)} off the host's (probe round trip {Report.Ms(best.RoundTrip)}; offsets seen {Report.Ms(offsets.Min(o => o.Offset))} to {Report.Ms(offsets.Max(o => o.Offset))}), not corrected for");
        report.Add(section, "write end to handler, max", Report.Ms(latencies.Count > 0 ? latencies.Max() : double.NaN),
            latencies.Count > 0 ? $"event #{slowest.Sequence} ({slowest.Type}) of its research; the host's send had returned {Report.Ms(slowest.ToSent)} after the write end" : "");
        report.Add(section, "anomalies", anomalies.ToString(CultureInfo.InvariantCulture),
            $"written but not received {missing}, out of order {outOfOrder}, duplicates {duplicates}, gaps after the first received {gaps}, first received not #1 {firstNotOne}, " +
            $"received but not written {unwritten}, of another research {otherResearch}, no final event {noFinal}, not completed {notCompleted}, page errors {pageErrors.Count}" +
            (pageErrors.Count > 0 ? $" (first: {pageErrors[0]})" : ""));
    }

    /// <summary>
    /// The page's clock (performance.timeOrigin + performance.now()) minus the host's DateTime.UtcNow,
    /// from the probe of least round trip among a few: the host's clock at the middle of the round trip.
    /// </summary>
    private static async Task<(double Offset, double RoundTrip)> ClockOffsetAsync(IPage page)
    {
        (double Offset, double RoundTrip) best = (double.NaN, double.MaxValue);
        for (var probe = 0; probe < 5; probe++)
        {
            var before = DateTime.UtcNow;
            var pageClock = await page.EvaluateAsync<double>("() => performance.timeOrigin + performance.now()");
            var after = DateTime.UtcNow;
            var roundTrip = (after - before).TotalMilliseconds;
            var middle = (before - DateTime.UnixEpoch).TotalMilliseconds + roundTrip / 2;
            if (roundTrip < best.RoundTrip) best = (pageClock - middle, roundTrip);
        }
        return best;
    }
}
