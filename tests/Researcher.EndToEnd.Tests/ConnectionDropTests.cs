using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Researcher.Core.Contracts;
using Researcher.EndToEnd.Tests.Support;
using Researcher.LocalHost.Tests.Support;
using Researcher.Testing;
using Xunit.Abstractions;

namespace Researcher.EndToEnd.Tests;

/// <summary>
/// The page loses its connection while the research runs on, and the events recorded meanwhile
/// reach it once it is back: each exactly once, in order.
/// </summary>
/// <remarks>
/// Chromium's offline emulation (<c>SetOfflineAsync(true)</c>) fails every new request and socket
/// but leaves an open WebSocket open: its frames are held and delivered once back online, so the
/// client would never notice. The test therefore goes offline (so the client cannot reconnect) and
/// then drops the hub connection server-side, aborting the WebSocket's HTTP connection through a hub
/// filter that tracks the open connections: the browser sees the socket close (1006) as after a
/// network failure.
/// </remarks>
[Collection(AzuriteFixture.CollectionName)]
public sealed class ConnectionDropTests(AzuriteFixture azurite, ChromiumFixture chromium, ITestOutputHelper output)
    : BrowserTests(azurite, chromium, output), IClassFixture<ChromiumFixture>
{
    private readonly HubConnections connections = new();

    private protected override void AddServices(IServiceCollection services) =>
        services.Configure<HubOptions>(options => options.AddFilter(connections));

    [Fact]
    public async Task Events_recorded_while_the_connection_was_down_are_shown_once_in_order_after_it_is_restored()
    {
        var (browser, question, researchId) = await StartHeldResearchAsync();
        await browser.WaitForConnectionAsync("live");
        Assert.True(connections.Count > 0, "The page holds no hub connection.");

        await browser.Context.SetOfflineAsync(true);
        Assert.True(connections.AbortAll() > 0);
        await browser.WaitForConnectionAsync("reconnecting", "offline");

        // The research runs to its end while the page cannot hear of it.
        HeldPlans.Release(question);
        Assert.Equal(ResearchRuntimeStatus.Completed, (await Server.WaitForEndAsync(researchId)).Status);
        var events = await ResearchApi.EventsAsync(Server.Client, researchId);
        var shownWhileDown = await browser.LogAsync();
        Assert.True(shownWhileDown.Count < events.Count,
            $"The page showed all {events.Count} events while disconnected: the connection was not down.");
        Assert.NotEqual("completed", await browser.Page.Locator("#status").GetAttributeAsync("data-status"));

        await browser.Context.SetOfflineAsync(false);
        await browser.WaitForCompletedAsync();
        await browser.WaitForConnectionAsync("live");
        await browser.WaitForReportAsync();

        await browser.AssertLogShowsExactlyAsync(events);
        await browser.AssertReportCitationsResolveAsync();
        browser.AssertNoProblems(OutageNoise);
    }

    /// <summary>
    /// What the browser and the SignalR client print while the test keeps the page offline: failed
    /// requests and sockets, and the client's own reports of the lost connection and failed reconnects.
    /// </summary>
    private static bool OutageNoise(PageProblem problem) =>
        problem.Text.Contains("ERR_INTERNET_DISCONNECTED", StringComparison.Ordinal)
        || problem.Text.Contains("Failed to fetch", StringComparison.Ordinal)
        || problem.Text.Contains("WebSocket closed with status code: 1006", StringComparison.Ordinal)
        || problem.Text.Contains("Failed to complete negotiation", StringComparison.Ordinal)
        || problem.Text.Contains("Failed to start the connection", StringComparison.Ordinal);
}
