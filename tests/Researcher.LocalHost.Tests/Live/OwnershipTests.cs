using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Researcher.Core.Contracts;
using Researcher.LocalHost.Tests.Support;
using Researcher.Testing;

namespace Researcher.LocalHost.Tests.Live;

/// <summary>
/// With a bearer identity configured, a research is its starter's alone: anyone else's read,
/// subscription or cancellation looks like an unknown id (404), and a request without a valid
/// token gets 401, negotiate included.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class OwnershipTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestIdentity identity = new();
    private readonly TestCorpus corpus = new();
    private LocalHostServer server = null!;

    public async Task InitializeAsync() => server = await LocalHostServer.StartAsync(azurite, corpus.Root, identity.Settings);

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        corpus.Dispose();
    }

    [Fact]
    public async Task Only_the_owner_reads_subscribes_to_or_cancels_a_research_and_others_see_an_unknown_id()
    {
        var alice = identity.Token("alice");
        var bob = identity.Token("bob");
        var researchId = await StartAsync(alice);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, $"/api/research/{researchId}", alice)).StatusCode);
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, $"/api/research/{researchId}"),
            (HttpMethod.Get, $"/api/research/{researchId}/events"),
            (HttpMethod.Get, $"/api/research/{researchId}/report"),
            (HttpMethod.Post, $"/api/research/{researchId}/cancel"),
        })
        {
            var refused = await ApiJson.AssertProblemAsync(await SendAsync(method, path, bob), 404);
            Assert.Equal(ResearchApiRules.UnknownId(researchId).Detail, refused.Detail);
        }

        await using var bobsHub = await HubClient.ConnectAsync(server.BaseAddress, bob);
        await ApiJson.AssertProblemAsync(await SendAsync(HttpMethod.Post, $"/api/research/{researchId}/subscribe", bob,
            new { connectionId = bobsHub.Connection.ConnectionId }), 404);

        await using var alicesHub = await HubClient.ConnectAsync(server.BaseAddress, alice);
        var allowed = await SendAsync(HttpMethod.Post, $"/api/research/{researchId}/subscribe", alice,
            new { connectionId = alicesHub.Connection.ConnectionId });
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Without_a_valid_token_every_endpoint_and_negotiate_answer_401()
    {
        var researchId = await StartAsync(identity.Token("alice"));
        var expired = identity.Token("alice", DateTime.UtcNow.AddHours(-2));
        var otherKey = identity.Token("alice", signingKey: RandomNumberGenerator.GetBytes(32));

        foreach (var token in new[] { null, expired, otherKey, "not-a-token" })
        {
            foreach (var (method, path) in new[]
            {
                (HttpMethod.Post, "/api/negotiate"),
                (HttpMethod.Get, $"/api/research/{researchId}"),
                (HttpMethod.Get, $"/api/research/{researchId}/events"),
            })
            {
                var response = await SendAsync(method, path, token);
                await ApiJson.AssertProblemAsync(response, 401);
                Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
            }
        }
        await ApiJson.AssertProblemAsync(await SendAsync(HttpMethod.Post, "/api/research", null, new { question = "Who?" }), 401);
    }

    private async Task<string> StartAsync(string token)
    {
        var response = await SendAsync(HttpMethod.Post, "/api/research", token, new { question = "What does a research keep?" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await ApiJson.ReadAsync<ResearchAccepted>(response)).Id;
    }

    /// <summary>A request with the bearer token (none when null) and, when given, a JSON body.</summary>
    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return server.Client.SendAsync(request);
    }
}
