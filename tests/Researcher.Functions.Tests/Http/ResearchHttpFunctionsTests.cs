using System.Net;
using Azure;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Researcher.Core.Api;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Storage;
using Researcher.Core.Workflow;
using Researcher.Functions.Http;
using Researcher.Functions.Tests.Support;

namespace Researcher.Functions.Tests.Http;

/// <summary>The HTTP functions over a mocked Durable client, event log and content store: the contract's answers and refusals.</summary>
public sealed class ResearchHttpFunctionsTests
{
    private const string ResearchId = ResearchMetadata.ResearchId;

    private readonly Mock<DurableTaskClient> client = new("test");
    private readonly Mock<IEventLog> eventLog = new();
    private readonly Mock<IContentStore> contentStore = new();
    private readonly ResearchHttpFunctions functions;

    public ResearchHttpFunctionsTests()
    {
        functions = new ResearchHttpFunctions(new ResearchEndpoints(
            new ResearchRequestReader(new ResearchLimits()), eventLog.Object, contentStore.Object,
            Options.Create(new ResearchApiOptions { MaxEventsPerPage = 50, RetryAfterSeconds = 3 }), NullLogger<ResearchEndpoints>.Instance),
            new AppServiceCallers(Options.Create(new FunctionsIdentityOptions())));
    }

    [Fact]
    public async Task A_valid_question_starts_the_standard_orchestration_under_the_research_id()
    {
        StartOrchestrationOptions? options = null;
        object? input = null;
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((TaskName name, object? i, StartOrchestrationOptions? o, CancellationToken _) =>
            {
                Assert.Equal(ResearchWorkflows.Standard, name.Name);
                (input, options) = (i, o);
            })
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? o, CancellationToken _) => o!.InstanceId!);

        var response = await functions.StartResearchAsync(
            HttpFakes.Request("POST", "/api/research", """{"question": "Why is the sky blue?"}"""), client.Object, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = HttpFakes.BodyJson<ResearchAccepted>(response);
        Assert.True(ResearchIds.IsWellFormed(accepted.Id));
        Assert.Equal(ResearchRuntimeStatus.Pending, accepted.Status);
        Assert.Equal(ResearchLinks.For(accepted.Id).Status, HttpFakes.Header(response, "Location"));
        Assert.Equal(accepted.Id, options!.InstanceId);
        var started = Assert.IsType<ResearchInput>(input);
        Assert.Equal(accepted.Id, started.ResearchId);
        Assert.Equal("Why is the sky blue?", started.Spec.Question);
    }

    [Theory]
    [InlineData("""{"question": "   "}""", "application/json", 400)]
    [InlineData("""{"question": "Why?", "reportType": "poem"}""", "application/json", 400)]
    [InlineData("""{"question": "Why?",""", "application/json", 400)]
    [InlineData("""{"question": "Why?"}""", "text/plain", 415)]
    public async Task Bad_input_gets_a_problem_and_starts_nothing(string body, string contentType, int expectedStatus)
    {
        var response = await functions.StartResearchAsync(HttpFakes.Request("POST", "/api/research", body, contentType), client.Object, CancellationToken.None);

        AssertProblem(response, expectedStatus);
        client.Verify(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_malformed_id_is_a_400_and_is_never_looked_up()
    {
        var response = await functions.GetStatusAsync(HttpFakes.Request("GET", "/api/research/not-an-id"), "not-an-id", client.Object, CancellationToken.None);

        AssertProblem(response, 400);
        client.Verify(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task An_unknown_id_and_the_id_of_a_branch_are_404s()
    {
        var unknown = await functions.GetStatusAsync(Get(ResearchId), ResearchId, client.Object, CancellationToken.None);
        AssertProblem(unknown, 404);

        const string branchId = "ffeeddccbbaa99887766554433221100";
        client.Setup(c => c.GetInstanceAsync(branchId, true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata(ResearchWorkflows.SubQuestion.Name, branchId));
        var branch = await functions.GetStatusAsync(Get(branchId), branchId, client.Object, CancellationToken.None);
        AssertProblem(branch, 404);
    }

    [Fact]
    public async Task The_status_of_a_research_is_its_orchestration_mapped_to_the_contract()
    {
        Known(OrchestrationRuntimeStatus.Running);

        var response = await functions.GetStatusAsync(Get(ResearchId), ResearchId, client.Object, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = HttpFakes.BodyJson<ResearchStatusResponse>(response);
        Assert.Equal((ResearchId, ResearchRuntimeStatus.Running, "Why is the sky blue?"), (status.Id, status.Status, status.Question));
    }

    [Fact]
    public async Task Events_are_read_after_the_given_sequence_with_the_limit_capped()
    {
        Known(OrchestrationRuntimeStatus.Running);
        var logged = new ProgressEvent(ResearchId, 8, DateTime.UtcNow, ProgressEventType.StepStarted, "research", "Reading", 40);
        eventLog.Setup(l => l.ReadAsync(ResearchId, 7, 50, It.IsAny<CancellationToken>())).ReturnsAsync([logged]);

        var response = await functions.GetEventsAsync(
            HttpFakes.Request("GET", $"/api/research/{ResearchId}/events?after=7&limit=5000"), ResearchId, client.Object, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = HttpFakes.BodyJson<ResearchEventsResponse>(response);
        Assert.Equal(8, events.LastSequence);
        Assert.Equal([logged.Sequence], events.Events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_bad_events_query_is_a_400()
    {
        var response = await functions.GetEventsAsync(
            HttpFakes.Request("GET", $"/api/research/{ResearchId}/events?after=-1"), ResearchId, client.Object, CancellationToken.None);

        AssertProblem(response, 400);
        eventLog.Verify(l => l.ReadAsync(It.IsAny<string>(), It.IsAny<long>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task The_report_of_a_running_research_is_a_202_with_retry_after()
    {
        Known(OrchestrationRuntimeStatus.Running);

        var response = await functions.GetReportAsync(Get(ResearchId, "/report"), ResearchId, client.Object, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("3", HttpFakes.Header(response, "Retry-After"));
        Assert.Equal(ResearchLinks.For(ResearchId).Status, HttpFakes.Header(response, "Location"));
    }

    [Fact]
    public async Task The_report_of_a_completed_research_is_its_markdown()
    {
        Known(OrchestrationRuntimeStatus.Completed);
        contentStore.Setup(s => s.GetTextAsync(ContentNames.Report(ResearchId), It.IsAny<CancellationToken>())).ReturnsAsync("# Sky\n\nBlue. [1]\n");

        var response = await functions.GetReportAsync(Get(ResearchId, "/report"), ResearchId, client.Object, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ApiAnswer.MarkdownContentType, HttpFakes.Header(response, "Content-Type"));
        Assert.Equal("# Sky\n\nBlue. [1]\n", HttpFakes.BodyText(response));
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task A_research_that_ended_without_a_report_answers_409(OrchestrationRuntimeStatus ended)
    {
        Known(ended);

        var response = await functions.GetReportAsync(Get(ResearchId, "/report"), ResearchId, client.Object, CancellationToken.None);

        AssertProblem(response, 409);
    }

    [Fact]
    public async Task A_research_whose_workflow_recorded_its_failure_is_failed_with_that_safe_reason()
    {
        var failure = new ResearchFailure("Plan", FailureCategory.Provider, "Planning the sub-questions failed: a provider could not be reached.");
        Known(OrchestrationRuntimeStatus.Completed, ResearchOutcome.Failed(failure));

        var status = HttpFakes.BodyJson<ResearchStatusResponse>(
            await functions.GetStatusAsync(Get(ResearchId), ResearchId, client.Object, CancellationToken.None));
        var report = await functions.GetReportAsync(Get(ResearchId, "/report"), ResearchId, client.Object, CancellationToken.None);

        Assert.Equal((ResearchRuntimeStatus.Failed, failure.Reason), (status.Status, status.Failure));
        AssertProblem(report, 409);
        Assert.Contains(failure.Reason, HttpFakes.BodyJson<Problem>(report).Detail);
    }

    [Fact]
    public async Task An_orchestration_that_broke_outside_its_steps_is_failed_without_its_exception_text()
    {
        client.Setup(c => c.GetInstanceAsync(ResearchId, true, It.IsAny<CancellationToken>())).ReturnsAsync(ResearchMetadata.Of(
            OrchestrationRuntimeStatus.Failed, failure: new TaskFailureDetails("System.NullReferenceException", "at C:\\secret\\path", null, null, null)));

        var response = await functions.GetStatusAsync(Get(ResearchId), ResearchId, client.Object, CancellationToken.None);

        var status = HttpFakes.BodyJson<ResearchStatusResponse>(response);
        Assert.Equal(ResearchRuntimeStatus.Failed, status.Status);
        Assert.Equal(ResearchFailure.Unexpected.Reason, status.Failure);
        Assert.DoesNotContain("secret", HttpFakes.BodyText(response));
    }

    [Fact]
    public async Task Cancelling_a_running_research_raises_the_cancel_event_and_terminates_nothing()
    {
        Known(OrchestrationRuntimeStatus.Running);

        var response = await functions.CancelResearchAsync(HttpFakes.Request("POST", $"/api/research/{ResearchId}/cancel"), ResearchId, client.Object, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        client.Verify(c => c.RaiseEventAsync(ResearchId, ResearchWorkflows.CancelEvent, It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Once);
        client.Verify(c => c.TerminateInstanceAsync(It.IsAny<string>(), It.IsAny<TerminateInstanceOptions?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Cancelling_a_research_that_has_ended_is_a_409_and_signals_nothing()
    {
        Known(OrchestrationRuntimeStatus.Completed);

        var response = await functions.CancelResearchAsync(HttpFakes.Request("POST", $"/api/research/{ResearchId}/cancel"), ResearchId, client.Object, CancellationToken.None);

        AssertProblem(response, 409);
        client.Verify(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Storage_that_cannot_be_reached_is_a_503_with_retry_after()
    {
        client.Setup(c => c.GetInstanceAsync(ResearchId, true, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(0, "Connection refused (127.0.0.1:10002)"));

        var response = await functions.GetStatusAsync(Get(ResearchId), ResearchId, client.Object, CancellationToken.None);

        AssertProblem(response, 503);
        Assert.Equal("3", HttpFakes.Header(response, "Retry-After"));
        Assert.DoesNotContain("10002", HttpFakes.BodyText(response));
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending, EngineStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Running, EngineStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Suspended, EngineStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Completed, EngineStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed, EngineStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated, EngineStatus.Terminated)]
    public void Every_runtime_status_has_its_engine_status(OrchestrationRuntimeStatus runtime, EngineStatus expected) =>
        Assert.Equal(expected, DurableResearchDirectory.ToEngineStatus(runtime));

    [Fact]
    public async Task Under_App_Service_Authentication_a_research_belongs_to_the_signed_in_user_who_started_it()
    {
        var owned = WithAppServiceAuthentication();
        object? input = null;
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback((TaskName _, object? i, StartOrchestrationOptions? _, CancellationToken _) => input = i)
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? o, CancellationToken _) => o!.InstanceId!);

        var response = await owned.StartResearchAsync(
            HttpFakes.Request("POST", "/api/research", """{"question": "Why is the sky blue?"}""", "application/json",
                (AppServiceCallers.PrincipalIdpHeader, "aad"), (AppServiceCallers.PrincipalIdHeader, "user-1")),
            client.Object, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("aad:user-1", Assert.IsType<ResearchInput>(input).Owner);
    }

    [Fact]
    public async Task Under_App_Service_Authentication_no_signed_in_user_is_a_401_and_another_users_research_a_404()
    {
        var owned = WithAppServiceAuthentication();
        client.Setup(c => c.GetInstanceAsync(ResearchId, true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(ResearchMetadata.Of(OrchestrationRuntimeStatus.Running, owner: "aad:user-1"));

        var anonymous = await owned.GetStatusAsync(Get(ResearchId), ResearchId, client.Object, CancellationToken.None);
        var other = await owned.GetStatusAsync(
            HttpFakes.Request("GET", $"/api/research/{ResearchId}", null, null,
                (AppServiceCallers.PrincipalIdpHeader, "aad"), (AppServiceCallers.PrincipalIdHeader, "user-2")),
            ResearchId, client.Object, CancellationToken.None);
        var own = await owned.GetStatusAsync(
            HttpFakes.Request("GET", $"/api/research/{ResearchId}", null, null,
                (AppServiceCallers.PrincipalIdpHeader, "aad"), (AppServiceCallers.PrincipalIdHeader, "user-1")),
            ResearchId, client.Object, CancellationToken.None);

        AssertProblem(anonymous, 401);
        AssertProblem(other, 404);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers()
    {
        var response = await functions.GetStatusAsync(HttpFakes.Request("GET", "/api/research/not-an-id"), "not-an-id", client.Object, CancellationToken.None);

        foreach (var (name, value) in SecurityHeaders.SameOrigin.All)
            Assert.Equal(value, HttpFakes.Header(response, name));
    }

    private ResearchHttpFunctions WithAppServiceAuthentication() => new(
        new ResearchEndpoints(
            new ResearchRequestReader(new ResearchLimits()), eventLog.Object, contentStore.Object,
            Options.Create(new ResearchApiOptions()), NullLogger<ResearchEndpoints>.Instance),
        new AppServiceCallers(Options.Create(new FunctionsIdentityOptions { Provider = FunctionsIdentityOptions.AppServiceAuthentication })));

    private static HttpRequestData Get(string id, string path = "") => HttpFakes.Request("GET", $"/api/research/{id}{path}");

    private void Known(OrchestrationRuntimeStatus status, ResearchOutcome? outcome = null) =>
        client.Setup(c => c.GetInstanceAsync(ResearchId, true, It.IsAny<CancellationToken>())).ReturnsAsync(ResearchMetadata.Of(status, outcome: outcome));

    private static void AssertProblem(HttpResponseData response, int expectedStatus)
    {
        Assert.Equal(expectedStatus, (int)response.StatusCode);
        Assert.Equal(Problem.ContentType, HttpFakes.Header(response, "Content-Type"));
        Assert.Equal(expectedStatus, HttpFakes.BodyJson<Problem>(response).Status);
    }
}
