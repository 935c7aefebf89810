using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Researcher.Core.Web;
using Researcher.Testing;

namespace Researcher.Core.Tests.Web;

/// <summary>
/// What the fetcher reads from a server it may reach (an allow-listed loopback server): text in its
/// encoding, PDF as bytes, redirects within the limit; and what it refuses: too many redirects, too
/// much content, the wrong content, an error status, a server that never answers.
/// </summary>
public sealed class SafeHttpFetcherTests
{
    private static readonly byte[] CafeInWindows1252 = [0x63, 0x61, 0x66, 0xE9];

    private readonly NetworkSpy network = new();

    [Fact]
    public async Task Html_is_decoded_with_the_charset_of_its_content_type()
    {
        await using var server = await Serve("text/html; charset=utf-8", Encoding.UTF8.GetBytes("<p>café</p>"));

        var page = await Fetch(server);

        Assert.Equal("<p>café</p>", page.Text);
        Assert.Equal("utf-8", page.Charset);
        Assert.Equal("text/html", page.MediaType);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(new Uri(server.BaseAddress, "page"), page.FinalUrl);
        Assert.Equal(0, page.Redirects);
    }

    [Fact]
    public async Task A_latin1_label_in_the_content_type_means_windows_1252()
    {
        await using var server = await Serve("text/plain; charset=\"ISO-8859-1\"", CafeInWindows1252);

        var page = await Fetch(server);

        Assert.Equal("café", page.Text);
        Assert.Equal("windows-1252", page.Charset);
    }

    [Fact]
    public async Task Html_without_a_header_charset_is_decoded_with_its_meta_charset()
    {
        var html = Concat("<html><head><meta charset=\"windows-1252\"><title>"u8.ToArray(), CafeInWindows1252, "</title></head></html>"u8.ToArray());
        await using var server = await Serve("text/html", html);

        var page = await Fetch(server);

        Assert.Equal("<html><head><meta charset=\"windows-1252\"><title>café</title></head></html>", page.Text);
        Assert.Equal("windows-1252", page.Charset);
    }

    [Fact]
    public async Task Html_with_an_http_equiv_meta_is_decoded_with_its_charset()
    {
        var html = Concat("<meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'><p>"u8.ToArray(), CafeInWindows1252);
        await using var server = await Serve("text/html", html);

        var page = await Fetch(server);

        Assert.EndsWith("<p>café", page.Text);
        Assert.Equal("windows-1252", page.Charset);
    }

    [Fact]
    public async Task A_meta_charset_after_the_first_1024_bytes_is_not_seen()
    {
        var html = Concat(Encoding.ASCII.GetBytes("<!--" + new string('x', 1100) + "-->"), "<meta charset=\"windows-1252\">"u8.ToArray(), CafeInWindows1252);
        await using var server = await Serve("text/html", html);

        var page = await Fetch(server);

        Assert.Equal("utf-8", page.Charset);
        Assert.EndsWith("caf\uFFFD", page.Text);
    }

    [Fact]
    public async Task A_utf8_byte_order_mark_sets_the_encoding_and_is_removed()
    {
        await using var server = await Serve("text/plain", Concat([0xEF, 0xBB, 0xBF], Encoding.UTF8.GetBytes("café")));

        var page = await Fetch(server);

        Assert.Equal("café", page.Text);
        Assert.Equal("utf-8", page.Charset);
    }

    [Fact]
    public async Task A_byte_order_mark_wins_over_a_wrong_header_charset()
    {
        await using var server = await Serve("text/plain; charset=windows-1252", Concat([0xEF, 0xBB, 0xBF], Encoding.UTF8.GetBytes("café")));

        var page = await Fetch(server);

        Assert.Equal("café", page.Text);
    }

    [Fact]
    public async Task Text_with_no_charset_anywhere_is_read_as_utf8()
    {
        await using var server = await Serve("text/markdown", Encoding.UTF8.GetBytes("# Café"));

        var page = await Fetch(server);

        Assert.Equal("# Café", page.Text);
        Assert.Equal("utf-8", page.Charset);
    }

    [Fact]
    public async Task An_unknown_charset_falls_back_to_utf8()
    {
        await using var server = await Serve("text/plain; charset=x-no-such-charset", Encoding.UTF8.GetBytes("café"));

        var page = await Fetch(server);

        Assert.Equal("café", page.Text);
    }

    [Fact]
    public async Task A_pdf_is_kept_as_bytes_without_text()
    {
        var pdf = Concat("%PDF-1.4\n"u8.ToArray(), [0x00, 0xE2, 0xE3, 0xCF, 0xD3], "\n%%EOF\n"u8.ToArray());
        await using var server = await Serve("application/pdf", pdf);

        var page = await Fetch(server);

        Assert.Equal(pdf, page.Content);
        Assert.Null(page.Text);
        Assert.Null(page.Charset);
        Assert.Equal("application/pdf", page.MediaType);
    }

    [Fact]
    public async Task A_redirect_chain_within_the_limit_is_followed_to_the_final_url()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context =>
        {
            switch (context.Request.Path.Value)
            {
                case "/a":
                    context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                    context.Response.Headers.Location = "/b";
                    return Task.CompletedTask;
                case "/b":
                    context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                    context.Response.Headers.Location = "c?x=1";
                    return Task.CompletedTask;
                case "/c":
                    context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
                    context.Response.Headers.Location = new Uri(new Uri(context.Request.Scheme + "://" + context.Request.Host), "/d").ToString();
                    return Task.CompletedTask;
                default:
                    context.Response.ContentType = "text/plain";
                    return context.Response.WriteAsync("arrived");
            }
        });

        var page = await network.Fetcher(AllowListed(server, maxRedirects: 3)).FetchAsync(new Uri(server.BaseAddress, "a"), CancellationToken.None);

        Assert.Equal("arrived", page.Text);
        Assert.Equal(new Uri(server.BaseAddress, "d"), page.FinalUrl);
        Assert.Equal(new Uri(server.BaseAddress, "a"), page.RequestedUrl);
        Assert.Equal(3, page.Redirects);
        Assert.Equal(["/a", "/b", "/c?x=1", "/d"], server.Requests.Select(request => request.PathAndQuery));
    }

    [Fact]
    public async Task One_redirect_more_than_the_limit_is_refused()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context =>
        {
            var hop = int.Parse(context.Request.Path.Value!.TrimStart('/'));
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = $"/{hop + 1}";
            return Task.CompletedTask;
        });

        var refusal = await Assert.ThrowsAsync<FetchRefusedException>(
            () => network.Fetcher(AllowListed(server, maxRedirects: 2)).FetchAsync(new Uri(server.BaseAddress, "0"), CancellationToken.None));

        Assert.Equal(FetchRefusalReason.TooManyRedirects, refusal.Reason);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_303_is_followed_with_a_get()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context =>
        {
            if (context.Request.Path == "/form")
            {
                context.Response.StatusCode = StatusCodes.Status303SeeOther;
                context.Response.Headers.Location = "/result";
                return Task.CompletedTask;
            }
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("{\"ok\":true}");
        });

        var page = await Fetch(server, "form");

        Assert.Equal("{\"ok\":true}", page.Text);
        Assert.All(server.Requests, request => Assert.Equal("GET", request.Method));
    }

    [Fact]
    public async Task A_body_declared_longer_than_the_limit_is_refused_before_it_is_read()
    {
        await using var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength = 10_000;
            await context.Response.Body.WriteAsync(new byte[10_000]);
        });

        var refusal = await Assert.ThrowsAsync<FetchRefusedException>(
            () => network.Fetcher(AllowListed(server, maxResponseBytes: 4_096)).FetchAsync(server.BaseAddress, CancellationToken.None));

        Assert.Equal(FetchRefusalReason.TooLarge, refusal.Reason);
    }

    [Fact]
    public async Task A_chunked_body_is_cut_off_and_refused_once_it_passes_the_limit()
    {
        await using var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/plain";
            try
            {
                for (var chunk = 0; chunk < 1_000; chunk++)
                {
                    await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes(new string('a', 1_024)), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
                // The reader hung up, as it should.
            }
        });

        var refusal = await Assert.ThrowsAsync<FetchRefusedException>(
            () => network.Fetcher(AllowListed(server, maxResponseBytes: 4_096)).FetchAsync(server.BaseAddress, CancellationToken.None));

        Assert.Equal(FetchRefusalReason.TooLarge, refusal.Reason);
        Assert.Contains("4096", refusal.Message);
    }

    [Fact]
    public async Task A_body_exactly_at_the_limit_is_read()
    {
        await using var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/plain";
            await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes(new string('a', 4_096)));
        });

        var page = await network.Fetcher(AllowListed(server, maxResponseBytes: 4_096)).FetchAsync(server.BaseAddress, CancellationToken.None);

        Assert.Equal(4_096, page.Content.Length);
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("application/octet-stream")]
    [InlineData("video/mp4")]
    public async Task A_content_type_not_allowed_is_refused(string contentType)
    {
        await using var server = await Serve(contentType, [0x89, 0x50, 0x4E, 0x47]);

        var refusal = await Assert.ThrowsAsync<FetchRefusedException>(() => Fetch(server));

        Assert.Equal(FetchRefusalReason.ContentType, refusal.Reason);
        Assert.Contains(contentType, refusal.Message);
    }

    [Fact]
    public async Task A_missing_content_type_is_refused()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context => context.Response.Body.WriteAsync("hello"u8.ToArray()).AsTask());

        var refusal = await Assert.ThrowsAsync<FetchRefusedException>(() => Fetch(server));

        Assert.Equal(FetchRefusalReason.ContentType, refusal.Reason);
    }

    [Fact]
    public async Task Configured_content_types_replace_the_defaults_and_may_name_a_family()
    {
        await using var server = await Serve("image/png", [0x89, 0x50, 0x4E, 0x47]);
        var options = AllowListed(server);
        options.AllowedContentTypes = ["image/*"];

        var page = await network.Fetcher(options).FetchAsync(server.BaseAddress, CancellationToken.None);

        Assert.Equal("image/png", page.MediaType);
        Assert.Null(page.Text);
    }

    [Theory]
    [InlineData(404, HttpStatusCode.NotFound)]
    [InlineData(503, HttpStatusCode.ServiceUnavailable)]
    [InlineData(429, HttpStatusCode.TooManyRequests)]
    public async Task An_error_status_is_refused_with_the_status(int status, HttpStatusCode expected)
    {
        await using var server = await LoopbackHttpServer.StartAsync(context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync("<p>error</p>");
        });

        var refusal = await Assert.ThrowsAsync<FetchRefusedException>(() => Fetch(server));

        Assert.Equal(FetchRefusalReason.HttpStatus, refusal.Reason);
        Assert.Equal(expected, refusal.StatusCode);
        Assert.Contains(status.ToString(), refusal.Message);
    }

    [Fact]
    public async Task A_redirect_without_a_location_is_an_http_status_refusal()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            return Task.CompletedTask;
        });

        var refusal = await Assert.ThrowsAsync<FetchRefusedException>(() => Fetch(server));

        Assert.Equal(FetchRefusalReason.HttpStatus, refusal.Reason);
        Assert.Equal(HttpStatusCode.Found, refusal.StatusCode);
    }

    [Fact]
    public async Task A_server_that_never_answers_is_refused_at_the_timeout()
    {
        var never = new TaskCompletionSource();
        await using var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            try
            {
                await never.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The reader gave up, as it should.
            }
        });
        var options = AllowListed(server);
        options.Timeout = TimeSpan.FromSeconds(1);

        var refusal = await Assert.ThrowsAsync<FetchRefusedException>(() => network.Fetcher(options).FetchAsync(server.BaseAddress, CancellationToken.None));

        Assert.Equal(FetchRefusalReason.Timeout, refusal.Reason);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_a_refusal()
    {
        await using var server = await Serve("text/plain", "hello"u8.ToArray());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => network.Fetcher(AllowListed(server)).FetchAsync(server.BaseAddress, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task A_closed_port_is_unreachable_and_the_message_holds_no_socket_error()
    {
        var port = SsrfCorpusTests.FreeLoopbackPort();

        var refusal = await Assert.ThrowsAsync<FetchRefusedException>(
            () => network.Fetcher(new WebFetchOptions { AllowedHosts = ["127.0.0.1"] }).FetchAsync(new Uri($"http://127.0.0.1:{port}/"), CancellationToken.None));

        Assert.Equal(FetchRefusalReason.Unreachable, refusal.Reason);
        Assert.Equal("127.0.0.1 could not be reached.", refusal.Message);
        Assert.Null(refusal.InnerException);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_unreachable()
    {
        var refusal = await Assert.ThrowsAsync<FetchRefusedException>(
            () => network.Fetcher(new WebFetchOptions()).FetchAsync(new Uri("https://no-such-host.example/"), CancellationToken.None));

        Assert.Equal(FetchRefusalReason.Unreachable, refusal.Reason);
        Assert.Equal("The name no-such-host.example does not resolve.", refusal.Message);
    }

    [Fact]
    public async Task A_host_allowed_by_name_is_reached_whatever_it_resolves_to()
    {
        await using var server = await Serve("text/plain", "searx"u8.ToArray());
        network.Names["searx.internal"] = [IPAddress.Loopback];

        var page = await network.Fetcher(new WebFetchOptions { AllowedHosts = [$"searx.internal:{server.BaseAddress.Port}"] })
            .FetchAsync(new Uri($"http://searx.internal:{server.BaseAddress.Port}/"), CancellationToken.None);

        Assert.Equal("searx", page.Text);
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, server.BaseAddress.Port)], network.Connections);
    }

    [Fact]
    public async Task A_network_in_the_allow_list_lets_its_addresses_through()
    {
        await using var server = await Serve("text/plain", "lan"u8.ToArray());

        var page = await network.Fetcher(new WebFetchOptions { AllowedHosts = ["127.0.0.0/8"] }).FetchAsync(server.BaseAddress, CancellationToken.None);

        Assert.Equal("lan", page.Text);
    }

    [Fact]
    public async Task An_address_that_refuses_the_connection_gives_way_to_the_next()
    {
        await using var server = await Serve("text/plain", "second"u8.ToArray());
        network.Names["twice.internal"] = [IPAddress.IPv6Loopback, IPAddress.Loopback];

        var page = await network.Fetcher(new WebFetchOptions { AllowedHosts = ["twice.internal"] })
            .FetchAsync(new Uri($"http://twice.internal:{server.BaseAddress.Port}/"), CancellationToken.None);

        Assert.Equal("second", page.Text);
        Assert.Equal(2, network.Connections.Count);
    }

    [Fact]
    public async Task The_configured_user_agent_and_accepted_types_are_sent()
    {
        await using var server = await Serve("text/plain", "hello"u8.ToArray());
        var options = AllowListed(server);
        options.UserAgent = "ResearcherTest/2.0";

        await network.Fetcher(options).FetchAsync(server.BaseAddress, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("ResearcherTest/2.0", request.Headers["User-Agent"]);
        Assert.Contains("text/html", request.Headers["Accept"]);
    }

    private static WebFetchOptions AllowListed(LoopbackHttpServer server, int maxRedirects = 5, long maxResponseBytes = 5 * 1024 * 1024) =>
        new() { AllowedHosts = [server.BaseAddress.Authority], MaxRedirects = maxRedirects, MaxResponseBytes = maxResponseBytes };

    private async Task<FetchResult> Fetch(LoopbackHttpServer server, string path = "page")
    {
        using var fetcher = network.Fetcher(AllowListed(server));
        return await fetcher.FetchAsync(new Uri(server.BaseAddress, path), CancellationToken.None);
    }

    private static Task<LoopbackHttpServer> Serve(string contentType, byte[] body) =>
        LoopbackHttpServer.StartAsync(async context =>
        {
            context.Response.Headers.ContentType = contentType;
            await context.Response.Body.WriteAsync(body);
        });

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(part => part)];
}
