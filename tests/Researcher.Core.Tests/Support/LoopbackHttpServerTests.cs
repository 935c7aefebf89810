using Microsoft.AspNetCore.Http;
using Researcher.Testing;

namespace Researcher.Core.Tests.Support;

public sealed class LoopbackHttpServerTests
{
    [Fact]
    public async Task Requests_are_answered_by_the_handler_over_real_http_and_recorded()
    {
        await using var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"ok":true}""");
        });
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        var response = await client.PostAsync("v1/chat/completions?x=1", new StringContent("hello"));

        Assert.Equal("""{"ok":true}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/chat/completions?x=1", "hello"), (request.Method, request.PathAndQuery, request.Body));
    }
}
