using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Researcher.Core.Contracts;
using Researcher.Core.Api;
using Researcher.Core.Workflow;
using Researcher.LocalHost.Api;
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
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task An_unhandled_exception_is_a_generic_500_problem_without_details_with_the_security_headers()
    {
        await using var server = await LocalHostServer.StartAsync(azurite, corpus.Root, services: services =>
            services.AddSingleton<IResearchDirectory>(new BrokenDirectory()));

        var response = await server.Client.GetAsync("/api/research/0123456789abcdef0123456789abcdef");

        var problem = await ApiJson.AssertProblemAsync(response, 500);
        Assert.DoesNotContain(BrokenDirectory.Secret, problem.Detail);
        Assert.DoesNotContain(BrokenDirectory.Secret, await response.Content.ReadAsStringAsync());
        AssertSecurityHeaders(response);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal(SecurityHeaders.SameOrigin.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
    }

    private static string Header(HttpResponseMessage response, string name)
    {
        Assert.True(response.Headers.TryGetValues(name, out var values), $"The {(int)response.StatusCode} answer has no {name} header.");
        return Assert.Single(values);
    }

    /// <summary>A directory whose reads fail with a message that must never reach a client.</summary>
    private sealed class BrokenDirectory : IResearchDirectory
    {
        public const string Secret = "connection string with a secret";

        public Task<ResearchInstance?> FindAsync(string researchId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Secret);

        public Task StartAsync(ResearchInput input, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RequestCancelAsync(string researchId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
