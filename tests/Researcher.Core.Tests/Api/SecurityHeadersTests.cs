using Researcher.Core.Api;

namespace Researcher.Core.Tests.Api;

public sealed class SecurityHeadersTests
{
    [Fact]
    public void Without_a_signalR_service_the_browser_connects_only_to_its_own_origin()
    {
        var policy = SecurityHeaders.SameOrigin.ContentSecurityPolicy;

        Assert.Contains("connect-src 'self';", policy);
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe", policy);
    }

    [Theory]
    [InlineData("Endpoint=https://demo.service.signalr.net;AccessKey=a2V5;Version=1.0;", "connect-src 'self' https://demo.service.signalr.net wss://demo.service.signalr.net;")]
    [InlineData("endpoint=https://demo.service.signalr.net/;accesskey=a2V5", "connect-src 'self' https://demo.service.signalr.net wss://demo.service.signalr.net;")]
    [InlineData("Endpoint=http://localhost;Port=8999;AccessKey=a2V5;Version=1.0;", "connect-src 'self' http://localhost:8999 ws://localhost:8999;")]
    [InlineData("Endpoint=https://private.service.signalr.net;ClientEndpoint=https://public.example.com;AccessKey=a2V5", "connect-src 'self' https://public.example.com wss://public.example.com;")]
    public void With_a_signalR_service_the_browser_may_also_connect_to_it(string connectionString, string expected)
    {
        Assert.Contains(expected, new SecurityHeaders(connectionString).ContentSecurityPolicy);
    }

    [Theory]
    [InlineData("")]
    [InlineData("AccessKey=a2V5;Version=1.0;")]
    [InlineData("Endpoint=javascript:alert(1)")]
    [InlineData("Endpoint=not a url")]
    public void A_connection_string_without_a_usable_endpoint_adds_nothing(string connectionString)
    {
        Assert.Equal(SecurityHeaders.SameOrigin.ContentSecurityPolicy, new SecurityHeaders(connectionString).ContentSecurityPolicy);
    }

    [Fact]
    public void Every_header_is_there()
    {
        var headers = SecurityHeaders.SameOrigin.All.ToDictionary();

        Assert.Equal("nosniff", headers["X-Content-Type-Options"]);
        Assert.Equal("DENY", headers["X-Frame-Options"]);
        Assert.Equal("no-referrer", headers["Referrer-Policy"]);
        Assert.Equal(SecurityHeaders.SameOrigin.ContentSecurityPolicy, headers["Content-Security-Policy"]);
    }
}
