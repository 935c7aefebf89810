using System.Net;
using Researcher.EndToEnd.Tests.Support;
using Researcher.LocalHost.Tests.Support;
using Researcher.Testing;
using Xunit.Abstractions;

namespace Researcher.EndToEnd.Tests;

/// <summary>
/// With identities on, the page sends its user's token (from sessionStorage) with every call and to
/// the hub; a research is its starter's alone, and another user opening its link sees nothing of it.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class IdentityTests(AzuriteFixture azurite, ChromiumFixture chromium, ITestOutputHelper output)
    : BrowserTests(azurite, chromium, output), IClassFixture<ChromiumFixture>
{
    private readonly TestIdentity identity = new();

    private protected override IReadOnlyDictionary<string, string?> HostSettings => identity.Settings;

    [Fact]
    public async Task A_research_started_in_the_page_is_its_users_alone()
    {
        var alice = identity.Token("alice");
        var bob = identity.Token("bob");

        var alicesPage = await OpenPageAsync(alice);
        await alicesPage.GotoAsync("/");
        var researchId = await alicesPage.StartAsync(TestCorpus.Question);
        await alicesPage.WaitForCompletedAsync();
        await alicesPage.WaitForReportAsync();
        await alicesPage.AssertLogShowsExactlyAsync(await ResearchApi.EventsAsync(Server.Client, researchId, alice));
        await alicesPage.AssertReportCitationsResolveAsync();
        alicesPage.AssertNoProblems();

        var bobsPage = await OpenPageAsync(bob);
        await bobsPage.GotoAsync($"/?research={researchId}");
        await bobsPage.WaitUntilAsync("a not-found message in #failure",
            "() => /not found|unknown|no research/i.test(document.querySelector('#failure')?.textContent ?? '')");
        Assert.Empty(await bobsPage.LogAsync());
        Assert.NotEqual("true", await bobsPage.Page.Locator("#report").GetAttributeAsync("data-ready"));
        Assert.Empty(await bobsPage.AttributesAsync("#sources li[data-location]", "data-location"));
        // The browser reports each 404 it was answered; those are the answers this test expects.
        bobsPage.AssertNoProblems(problem =>
            problem.Text.Contains("status of 404", StringComparison.Ordinal) && problem.Where.Contains($"/api/research/{researchId}", StringComparison.Ordinal));

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, $"/api/research/{researchId}"),
            (HttpMethod.Get, $"/api/research/{researchId}/events"),
            (HttpMethod.Get, $"/api/research/{researchId}/report"),
            (HttpMethod.Post, $"/api/research/{researchId}/subscribe"),
        })
        {
            var subscribeBody = method == HttpMethod.Post ? HubClientBody() : null;
            await ApiJson.AssertProblemAsync(await Server.Client.SendAsync(ResearchApi.Request(method, path, bob, subscribeBody)), 404);
            var anonymous = await Server.Client.SendAsync(ResearchApi.Request(method, path, null, method == HttpMethod.Post ? HubClientBody() : null));
            await ApiJson.AssertProblemAsync(anonymous, 401);
        }
        Assert.Equal(HttpStatusCode.OK, (await Server.Client.SendAsync(ResearchApi.Request(HttpMethod.Get, $"/api/research/{researchId}", alice))).StatusCode);
    }

    private static StringContent HubClientBody() =>
        new("""{"connectionId":"not-a-connection-of-this-user"}""", System.Text.Encoding.UTF8, "application/json");
}
