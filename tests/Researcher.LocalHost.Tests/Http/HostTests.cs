using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Researcher.Core.Contracts;
using Researcher.LocalHost.State;
using Researcher.LocalHost.Tests.Support;
using Researcher.Testing;

namespace Researcher.LocalHost.Tests.Http;

/// <summary>What the host does around the API: the page, security headers, and errors that are not the caller's fault.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class HostTests(AzuriteFixture azurite) : IDisposable
{
    private readonly TestCorpus corpus = new();

    public void Dispose() => corpus.Dispose();

    [Fact]
    public async Task The_page_is_served_at_the_root_with_a_strict_content_security_policy()
    {
        await using var server = await LocalHostServer.StartAsync(azurite, corpus.Root);

        var response = await server.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Researcher</title>", await response.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
    }

    [Fact]
    public async Task Problems_carry_the_security_headers_too()
    {
        await using var server = await LocalHostServer.StartAsync(azurite, corpus.Root);

        var response = await server.Client.GetAsync("/api/unknown");

        await ApiJson.AssertProblemAsync(response, 404);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task An_unhandled_exception_is_a_generic_500_problem_without_details()
    {
        await using var server = await LocalHostServer.StartAsync(azurite, corpus.Root, services: services =>
            services.AddSingleton<IResearchStore>(new FailingStore()));

        var response = await server.Client.GetAsync("/api/research/0123456789abcdef0123456789abcdef");

        var problem = await ApiJson.AssertProblemAsync(response, 500);
        Assert.DoesNotContain(FailingStore.Secret, problem.Detail);
        Assert.DoesNotContain(FailingStore.Secret, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A store whose reads fail with a message that must never reach a client.</summary>
    private sealed class FailingStore : IResearchStore
    {
        public const string Secret = "connection string with a secret";

        public Task<ResearchRecord?> GetAsync(string researchId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Secret);

        public Task CreateAsync(string researchId, ResearchSpec spec, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task SetRunningAsync(string researchId, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task PublishAsync(string researchId, ResearchProgress status, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task CompleteAsync(string researchId, string reportContentName, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task FailAsync(string researchId, string reason, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task CancelAsync(string researchId, CancellationToken cancellationToken) => Task.CompletedTask;
        public Task DeleteAsync(string researchId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
