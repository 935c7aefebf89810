using System.Net;
using System.Text;
using Researcher.Core.Contracts;
using Researcher.LocalHost.Tests.Support;
using Researcher.Testing;

namespace Researcher.LocalHost.Tests.Http;

/// <summary>Every bad request gets its 4xx with a JSON problem body, never a 5xx, and leaves other researches alone.</summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class BadInputTests(AzuriteFixture azurite) : ServerTests(azurite)
{
    /// <summary>Stands for the id of a research that was cancelled (it has ended and has no report).</summary>
    private const string CancelledId = "{cancelled}";
    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    private sealed record BadRequest(string Name, string Method, string Path, string? ContentType, string? Body, int ExpectedStatus);

    private static readonly IReadOnlyList<BadRequest> Cases =
    [
        Post("empty question", """{"question":""}""", 400),
        Post("whitespace question", """{"question":"   \t  "}""", 400),
        Post("missing question", "{}", 400),
        Post("oversized question", $$"""{"question":"{{new string('q', 2_001)}}"}""", 400),
        Post("question with control characters", """{"question":"why\u0000 tides?"}""", 400),
        Post("invalid JSON", """{"question": "tides""", 400),
        Post("JSON that is not an object", "[1, 2]", 400),
        Post("JSON null", "null", 400),
        Post("unknown property", """{"question":"How do tides form?","colour":"blue"}""", 400),
        Post("unknown report type", """{"question":"How do tides form?","reportType":"poem"}""", 400),
        Post("too few sub-questions", """{"question":"How do tides form?","maxSubQuestions":0}""", 400),
        Post("too many sub-questions", """{"question":"How do tides form?","maxSubQuestions":99}""", 400),
        Post("too many sources", """{"question":"How do tides form?","maxSourcesPerSubQuestion":1000}""", 400),
        Post("sub-questions as text", """{"question":"How do tides form?","maxSubQuestions":"three"}""", 400),
        Post("body over the size limit", $$"""{"question":"tides","padding":"{{new string('x', 70_000)}}"}""", 413),
        new("wrong content type", "POST", "/api/research", "text/plain", "How do tides form?", 415),
        new("no content type", "POST", "/api/research", null, """{"question":"How do tides form?"}""", 415),
        Get("malformed id", "/api/research/not-a-research-id", 400),
        Get("uppercase id", $"/api/research/{UnknownId.ToUpperInvariant()}", 400),
        Get("malformed id for events", "/api/research/xyz/events", 400),
        Get("malformed id for report", "/api/research/xyz/report", 400),
        new("malformed id for cancel", "POST", "/api/research/xyz/cancel", null, null, 400),
        Get("unknown id", $"/api/research/{UnknownId}", 404),
        Get("events of an unknown id", $"/api/research/{UnknownId}/events", 404),
        Get("report of an unknown id", $"/api/research/{UnknownId}/report", 404),
        new("cancel of an unknown id", "POST", $"/api/research/{UnknownId}/cancel", null, null, 404),
        Get("negative after", $"/api/research/{CancelledId}/events?after=-1", 400),
        Get("after that is not a number", $"/api/research/{CancelledId}/events?after=ten", 400),
        Get("zero limit", $"/api/research/{CancelledId}/events?limit=0", 400),
        Get("limit that is not a number", $"/api/research/{CancelledId}/events?limit=all", 400),
        Get("report of a cancelled research", $"/api/research/{CancelledId}/report", 409),
        new("cancel of an ended research", "POST", $"/api/research/{CancelledId}/cancel", null, null, 409),
        Get("unknown route", "/api/nothing-here", 404),
        Get("unknown route under a research", $"/api/research/{CancelledId}/summary", 404),
        Get("listing researches", "/api/research", 405),
        new("deleting a research", "DELETE", $"/api/research/{CancelledId}", null, null, 405),
        new("posting to the page", "POST", "/", "application/json", "{}", 405),
    ];

    public static TheoryData<string> CaseNames { get; } = new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_bad_request_gets_its_4xx_problem(string name)
    {
        var request = Cases.Single(c => c.Name == name);
        var cancelledId = request.Path.Contains(CancelledId, StringComparison.Ordinal) ? await CancelledResearchAsync() : "";

        var response = await SendAsync(request, cancelledId);

        await ApiJson.AssertProblemAsync(response, request.ExpectedStatus);
    }

    [Fact]
    public async Task A_field_error_names_the_field()
    {
        var response = await SendAsync(Post("", """{"question":"How do tides form?","reportType":"poem"}""", 400), "");

        var problem = await ApiJson.AssertProblemAsync(response, 400);
        Assert.NotNull(problem.Errors);
        Assert.Contains("poem", Assert.Single(problem.Errors!, e => e.Key == "reportType").Value.Single());
    }

    [Fact]
    public async Task A_completed_research_is_still_readable_after_every_bad_request()
    {
        var completed = await Server.StartResearchAsync(TestCorpus.Question);
        Assert.Equal(ResearchRuntimeStatus.Completed, (await Server.WaitForEndAsync(completed)).Status);
        var cancelledId = await CancelledResearchAsync();

        foreach (var request in Cases)
        {
            var response = await SendAsync(request, cancelledId);
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{request.Name}: {(int)response.StatusCode}");
        }

        Assert.Equal(ResearchRuntimeStatus.Completed, (await Server.GetStatusAsync(completed)).Status);
        var report = await Server.Client.GetAsync($"/api/research/{completed}/report");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        ReportCitations.AssertResolve(await report.Content.ReadAsStringAsync(), Corpus);
    }

    private async Task<string> CancelledResearchAsync()
    {
        var researchId = await Server.StartHeldResearchAsync();
        await Server.CancelHeldResearchAsync(researchId);
        Assert.Equal(ResearchRuntimeStatus.Cancelled, (await Server.WaitForEndAsync(researchId)).Status);
        return researchId;
    }

    private Task<HttpResponseMessage> SendAsync(BadRequest request, string cancelledId)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path.Replace(CancelledId, cancelledId, StringComparison.Ordinal));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.Body));
            if (request.ContentType is not null)
                message.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(request.ContentType);
        }
        return Server.Client.SendAsync(message);
    }

    private static BadRequest Post(string name, string body, int expectedStatus) =>
        new(name, "POST", "/api/research", "application/json", body, expectedStatus);

    private static BadRequest Get(string name, string path, int expectedStatus) => new(name, "GET", path, null, null, expectedStatus);
}
