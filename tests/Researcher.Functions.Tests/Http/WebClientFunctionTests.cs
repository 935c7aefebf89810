using System.Net;
using Researcher.Core.Api;
using Researcher.Core.Contracts;
using Researcher.Functions.Http;
using Researcher.Functions.Tests.Support;

namespace Researcher.Functions.Tests.Http;

/// <summary>The web client function over a folder of its own: what it serves, with which type, and every path it refuses.</summary>
public sealed class WebClientFunctionTests : IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("researcher-web-").FullName;
    private readonly string web;
    private readonly WebClientFunction function;

    public WebClientFunctionTests()
    {
        web = Directory.CreateDirectory(Path.Combine(scratch, "web")).FullName;
        Directory.CreateDirectory(Path.Combine(web, "lib"));
        File.WriteAllText(Path.Combine(web, "index.html"), "<!doctype html><title>Researcher</title>");
        File.WriteAllText(Path.Combine(web, "app.js"), "console.log('app');");
        File.WriteAllText(Path.Combine(web, "app.css"), "body { margin: 0 }");
        File.WriteAllText(Path.Combine(web, "lib", "signalr.js"), "/* signalr */");
        File.WriteAllText(Path.Combine(web, "tool.exe"), "MZ");
        File.WriteAllText(Path.Combine(web, ".env"), "SECRET=1");
        File.WriteAllText(Path.Combine(scratch, "secret.js"), "secret");
        File.CreateSymbolicLink(Path.Combine(web, "linked.js"), Path.Combine(scratch, "secret.js"));
        Directory.CreateSymbolicLink(Path.Combine(web, "outside"), scratch);
        function = new WebClientFunction(new WebClientFiles(web));
    }

    [Theory]
    [InlineData(null, "text/html; charset=utf-8", "<!doctype html><title>Researcher</title>")]
    [InlineData("", "text/html; charset=utf-8", "<!doctype html><title>Researcher</title>")]
    [InlineData("index.html", "text/html; charset=utf-8", "<!doctype html><title>Researcher</title>")]
    [InlineData("app.js", "text/javascript; charset=utf-8", "console.log('app');")]
    [InlineData("app.css", "text/css; charset=utf-8", "body { margin: 0 }")]
    [InlineData("lib/signalr.js", "text/javascript; charset=utf-8", "/* signalr */")]
    public async Task The_client_files_are_served_with_their_type_and_the_security_headers(string? path, string contentType, string content)
    {
        var response = await function.GetAsync(HttpFakes.Request("GET", "/" + path, null, null), path, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, HttpFakes.Header(response, "Content-Type"));
        Assert.Equal(content, HttpFakes.BodyText(response));
        foreach (var (name, value) in SecurityHeaders.SameOrigin.All)
            Assert.Equal(value, HttpFakes.Header(response, name));
    }

    [Theory]
    [InlineData("missing.js")]
    [InlineData("lib")]
    [InlineData("lib/")]
    [InlineData("../secret.js")]
    [InlineData("lib/../app.js")]
    [InlineData("./app.js")]
    [InlineData("lib//signalr.js")]
    [InlineData("/etc/passwd")]
    [InlineData("..\\secret.js")]
    [InlineData("lib\\signalr.js")]
    [InlineData("C:/Windows/win.ini")]
    [InlineData("app.js\0.html")]
    [InlineData(".env")]
    [InlineData("tool.exe")]
    [InlineData("linked.js")]
    [InlineData("outside/secret.js")]
    public async Task A_path_that_leaves_the_folder_or_names_no_client_file_is_a_404_problem(string path)
    {
        var response = await function.GetAsync(HttpFakes.Request("GET", "/", null, null), path, CancellationToken.None);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(Problem.ContentType, HttpFakes.Header(response, "Content-Type"));
        Assert.Equal(404, HttpFakes.BodyJson<Problem>(response).Status);
        Assert.DoesNotContain("secret", HttpFakes.BodyText(response));
    }

    [Fact]
    public async Task Without_a_web_folder_every_path_is_a_404_problem()
    {
        var missing = new WebClientFunction(new WebClientFiles(Path.Combine(scratch, "no-such-folder")));

        var response = await missing.GetAsync(HttpFakes.Request("GET", "/", null, null), null, CancellationToken.None);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public void Dispose() => Directory.Delete(scratch, recursive: true);
}
