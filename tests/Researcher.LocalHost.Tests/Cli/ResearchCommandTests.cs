using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Researcher.LocalHost.Cli;
using Researcher.LocalHost.Tests.Support;
using Researcher.Testing;

namespace Researcher.LocalHost.Tests.Cli;

/// <summary>The <c>researcher research</c> command, invoked in process through the real command line, on the engine over Azurite.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed partial class ResearchCommandTests(AzuriteFixture azurite) : IDisposable
{
    private readonly TestCorpus corpus = new();
    private readonly string outputDirectory = Directory.CreateTempSubdirectory("researcher-out-").FullName;
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public void Dispose()
    {
        corpus.Dispose();
        Directory.Delete(outputDirectory, recursive: true);
    }

    private Task<int> RunAsync(params string[] args) =>
        ResearcherCommandLine.RunAsync([.. args, $"--Research:Storage:ConnectionString={azurite.ConnectionString}"], output, error);

    [Fact]
    public async Task A_research_writes_its_report_file_with_resolving_citations_and_prints_where_it_is()
    {
        var exitCode = await RunAsync("research", TestCorpus.Question, "--docs", corpus.Root, "--out", outputDirectory, "--sub-questions", "2");

        Assert.True(exitCode == ExitCodes.Success, $"exit {exitCode}: {error}");
        var reportLine = ReportLine().Match(output.ToString());
        Assert.True(reportLine.Success, output.ToString());
        var reportPath = reportLine.Groups["path"].Value.Trim();
        Assert.StartsWith(outputDirectory, reportPath);
        Assert.EndsWith("report.md", reportPath);
        ReportCitations.AssertResolve(await File.ReadAllTextAsync(reportPath), corpus);
        Assert.Contains("[100%]", output.ToString());
    }

    [Fact]
    public async Task With_print_the_report_itself_follows_its_path()
    {
        var exitCode = await RunAsync("research", TestCorpus.Question, "--docs", corpus.Root, "--out", outputDirectory, "--print");

        Assert.True(exitCode == ExitCodes.Success, $"exit {exitCode}: {error}");
        var printed = output.ToString();
        var reportPath = ReportLine().Match(printed).Groups["path"].Value.Trim();
        Assert.EndsWith(await File.ReadAllTextAsync(reportPath), printed.TrimEnd('\n') + "\n");
    }

    [Fact]
    public async Task A_deep_research_prints_its_branches_and_writes_a_cited_report()
    {
        var exitCode = await RunAsync("research", TestCorpus.Question, "--docs", corpus.Root, "--out", outputDirectory,
            "--report-type", "deep", "--breadth", "2", "--depth", "2");

        Assert.True(exitCode == ExitCodes.Success, $"exit {exitCode}: {error}");
        var printed = output.ToString();
        Assert.Matches(@"Exploring up to \d+ branches \(breadth 2, depth 2\)", printed);
        Assert.Matches(@"Explored ""[^""]+"": \d+ learnings from \d+ sources", printed);
        var reportPath = ReportLine().Match(printed).Groups["path"].Value.Trim();
        ReportCitations.AssertResolve(await File.ReadAllTextAsync(reportPath), corpus);
    }

    [Theory]
    [InlineData("blank question", "research", "   ")]
    [InlineData("breadth without a deep research", "research", "How do tides form?", "--breadth", "2")]
    [InlineData("depth beyond its limit", "research", "How do tides form?", "--report-type", "deep", "--depth", "9")]
    [InlineData("sub-questions in a deep research", "research", "How do tides form?", "--report-type", "deep", "--sub-questions", "2")]
    [InlineData("unknown report type", "research", "How do tides form?", "--report-type", "poem")]
    [InlineData("too many sub-questions", "research", "How do tides form?", "--sub-questions", "99")]
    [InlineData("sub-questions not a number", "research", "How do tides form?", "--sub-questions", "many")]
    [InlineData("missing documents folder", "research", "How do tides form?", "--docs", "/no/such/folder")]
    [InlineData("missing question", "research")]
    [InlineData("unknown option", "research", "How do tides form?", "--colour", "blue")]
    [InlineData("unknown command", "summarise")]
    public async Task Bad_input_exits_2_with_a_message_and_no_stack_trace(string @case, params string[] args)
    {
        var exitCode = await RunAsync(args);

        Assert.True(exitCode == ExitCodes.InvalidInput, $"{@case}: exit {exitCode}");
        Assert.Contains("error:", error.ToString());
        Assert.DoesNotContain("   at ", error.ToString());
        Assert.DoesNotContain("   at ", output.ToString());
    }

    [Fact]
    public async Task Storage_that_cannot_be_reached_exits_3_with_a_message_and_no_stack_trace()
    {
        var exitCode = await ResearcherCommandLine.RunAsync(
            ["research", TestCorpus.Question, "--docs", corpus.Root, "--out", outputDirectory,
             "--Research:Storage:ConnectionString=DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;" +
             "BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;"],
            output, error);

        Assert.Equal(ExitCodes.StorageUnavailable, exitCode);
        Assert.Contains("error: Azure Storage cannot be reached", error.ToString());
        Assert.DoesNotContain("   at ", error.ToString());
    }

    [Fact]
    public async Task A_research_through_searxng_reads_the_pages_it_found_and_cites_them()
    {
        var pages = new Dictionary<string, (string Title, string Html)>
        {
            ["/spring-neap"] = ("Spring and neap tides",
                "<h2>Spring tides</h2><p>Spring tides are the largest tides; they occur at new and full moon, when the Sun and the Moon pull in line.</p>" +
                "<h2>Neap tides</h2><p>Neap tides are the smallest tides; they occur at the quarter moons, when the Sun and the Moon pull at right angles.</p>"),
            ["/tides"] = ("Tides explained",
                "<h2>Why tides happen</h2><p>Tides happen because the gravity of the Moon pulls the oceans toward it, raising a bulge of water.</p>"),
        };
        await using var web = await LoopbackHttpServer.StartAsync(async context =>
        {
            var origin = $"http://{context.Request.Host}";
            if (context.Request.Path == "/search")
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsJsonAsync(new
                {
                    query = context.Request.Query["q"].ToString(),
                    results = pages.Select(page => new { url = origin + page.Key + "?utm_source=searx", title = page.Value.Title, content = "About tides." }),
                });
            }
            else if (pages.TryGetValue(context.Request.Path, out var page))
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync($"<html><head><title>{page.Title}</title></head><body><h1>{page.Title}</h1>{page.Html}</body></html>");
            }
            else
            {
                context.Response.StatusCode = 404;
            }
        });
        var origin = web.BaseAddress.GetLeftPart(UriPartial.Authority);

        var exitCode = await RunAsync("research", "Why are some tides bigger than others?", "--docs", corpus.Root, "--out", outputDirectory, "--print",
            "--Research:Search:Provider=searxng", $"--Research:Search:Searxng:BaseUrl={web.BaseAddress}",
            $"--Research:Web:Fetch:AllowedHosts:0={web.BaseAddress.Authority}");

        Assert.True(exitCode == ExitCodes.Success, $"exit {exitCode}: {error}");
        var report = output.ToString();
        Assert.Contains("Spring tides are the largest tides", report);
        // The sources are the pages read, under their canonical URLs (the tracking parameter dropped), each cited.
        Assert.Contains($"]({origin}/spring-neap)", report);
        Assert.Contains($"]({origin}/tides)", report);
        Assert.DoesNotContain("utm_source", report.Split("## Sources")[1]);
        Assert.Contains(web.Requests, request => request.PathAndQuery.StartsWith("/search?", StringComparison.Ordinal) && request.PathAndQuery.Contains("format=json"));
        Assert.Contains(web.Requests, request => request.PathAndQuery.StartsWith("/spring-neap", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^Report: (?<path>.+)$", RegexOptions.Multiline)]
    private static partial Regex ReportLine();
}
