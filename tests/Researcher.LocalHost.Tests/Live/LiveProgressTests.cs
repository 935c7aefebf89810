using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.LocalHost.Tests.Support;
using Researcher.Testing;

namespace Researcher.LocalHost.Tests.Live;

/// <summary>
/// Live progress on the local host: negotiate in Azure SignalR Service's serverless shape, a hub only
/// a negotiated token opens, subscription by research, and every event pushed after its log write,
/// as the event the log holds, in order.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class LiveProgressTests(AzuriteFixture azurite) : ServerTests(azurite)
{
    [Fact]
    public async Task Negotiate_answers_a_hub_url_and_a_token_in_camel_case()
    {
        var response = await Server.Client.PostAsync("/api/negotiate", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(new Uri(Server.BaseAddress, "/hubs/research").ToString(), body.RootElement.GetProperty("url").GetString());
        Assert.Equal(3, body.RootElement.GetProperty("accessToken").GetString()!.Split('.').Length);
    }

    [Fact]
    public async Task The_hub_refuses_a_connection_without_a_negotiated_token()
    {
        var withoutToken = await Server.Client.PostAsync("/hubs/research/negotiate?negotiateVersion=1", null);
        var forged = new HttpRequestMessage(HttpMethod.Post, "/hubs/research/negotiate?negotiateVersion=1");
        forged.Headers.Authorization = new("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.Client.SendAsync(forged)).StatusCode);
    }

    [Fact]
    public async Task A_subscribed_connection_receives_each_later_event_once_in_order_as_the_log_holds_it()
    {
        await using var hub = await HubClient.ConnectAsync(Server.BaseAddress);
        var researchId = await Server.StartHeldResearchAsync();

        var subscribe = await hub.SubscribeAsync(Server.Client, researchId);
        Assert.Equal(HttpStatusCode.OK, subscribe.StatusCode);
        Server.ReleaseHeldResearch(researchId);
        var received = (await hub.ReceiveUntilFinalAsync()).Select(HubClient.EventOf).ToList();

        var log = (await ApiJson.ReadAsync<ResearchEventsResponse>(await Server.Client.GetAsync($"/api/research/{researchId}/events"))).Events;
        // Held in its plan step, the research records nothing between its first events and the release.
        Assert.InRange(received[0].Sequence, 1, 3);
        Assert.Equal(log.Where(e => e.Sequence >= received[0].Sequence).Select(e => e.Sequence), received.Select(e => e.Sequence));
        Assert.All(received, e => Assert.True(e.IsSameEventAs(log.Single(stored => stored.Sequence == e.Sequence))));
        Assert.Equal(ProgressEventType.ResearchCompleted, received[^1].Type);
        Assert.Contains(received, e => e.Type == ProgressEventType.SubQuestionCompleted);
    }

    [Fact]
    public async Task A_connection_hears_only_the_researches_it_subscribed_to()
    {
        await using var first = await HubClient.ConnectAsync(Server.BaseAddress);
        await using var second = await HubClient.ConnectAsync(Server.BaseAddress);
        var firstResearch = await Server.StartHeldResearchAsync();
        var secondResearch = await Server.StartHeldResearchAsync();
        await first.SubscribeAsync(Server.Client, firstResearch);
        await second.SubscribeAsync(Server.Client, secondResearch);

        Server.ReleaseHeldResearch(firstResearch);
        var firstReceived = await first.ReceiveUntilFinalAsync();
        Server.ReleaseHeldResearch(secondResearch);
        var secondReceived = await second.ReceiveUntilFinalAsync();

        // The first research ended before the second was released: anything of it sent to the second connection came first.
        Assert.All(firstReceived.Concat(first.ReceivedSoFar()), m => Assert.Equal(firstResearch, HubClient.EventOf(m).ResearchId));
        Assert.All(secondReceived, m => Assert.Equal(secondResearch, HubClient.EventOf(m).ResearchId));
    }

    [Fact]
    public async Task Subscribing_to_an_unknown_research_or_with_a_malformed_connection_id_is_refused()
    {
        await using var hub = await HubClient.ConnectAsync(Server.BaseAddress);
        var researchId = await Server.StartResearchAsync("What does a research keep?");

        await ApiJson.AssertProblemAsync(await hub.SubscribeAsync(Server.Client, ResearchIds.New()), 404);
        await ApiJson.AssertProblemAsync(await hub.SubscribeAsync(Server.Client, "not-an-id"), 400);
        await ApiJson.AssertProblemAsync(await Server.Client.PostAsync(
            $"/api/research/{researchId}/subscribe", HubClient.JsonContent(new { connectionId = "<script>" })), 400);
        await ApiJson.AssertProblemAsync(await Server.Client.PostAsync(
            $"/api/research/{researchId}/subscribe", HubClient.JsonContent(new { connectionId = "abc", group = "everyone" })), 400);
        await Server.WaitForEndAsync(researchId);
    }

    [Fact]
    public async Task The_official_javascript_client_negotiates_subscribes_and_receives_a_research_to_its_end()
    {
        var script = Path.Combine(RepositoryPaths.Root, "eng", "live-progress-check.mjs");
        var start = new ProcessStartInfo("node", [script, Server.BaseAddress.ToString(), "How does a research survive a crash?"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TestTimeouts.Bound);
        await node.WaitForExitAsync(deadline.Token);

        Assert.True(node.ExitCode == 0, $"{await output}\n{await errors}");
        Assert.Contains("OK:", await output);
        Assert.Contains("ended with researchCompleted", await output);
    }
}
