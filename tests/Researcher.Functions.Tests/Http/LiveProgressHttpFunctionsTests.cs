using System.Net;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Researcher.Core.Api;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Storage;
using Researcher.Functions.Http;
using Researcher.Functions.Tests.Support;

namespace Researcher.Functions.Tests.Http;

/// <summary>Negotiate's identity rule and subscribe's group action, over a mocked Durable client.</summary>
public sealed class LiveProgressHttpFunctionsTests
{
    private const string ResearchId = ResearchMetadata.ResearchId;
    private const string ConnectionInfo = """{"url":"https://researcher.service.signalr.net/client/?hub=research","accessToken":"token-123"}""";
    private const string SubscribeBody = """{"connectionId": "conn-1"}""";

    private readonly Mock<DurableTaskClient> client = new("test");

    [Fact]
    public async Task Negotiate_with_no_identity_returns_the_connection_info_as_json()
    {
        var response = await Functions().NegotiateAsync(HttpFakes.Request("POST", "/api/negotiate"), ConnectionInfo, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ApiAnswer.JsonContentType, HttpFakes.Header(response, "Content-Type"));
        Assert.Equal(ConnectionInfo, HttpFakes.BodyText(response));
    }

    [Fact]
    public async Task Negotiate_with_no_identity_refuses_a_client_sent_principal_id_and_returns_no_token()
    {
        var response = await Functions().NegotiateAsync(
            HttpFakes.Request("POST", "/api/negotiate", null, null, ("x-ms-client-principal-id", "someone-else")), ConnectionInfo, CancellationToken.None);

        AssertProblem(response, 400);
        Assert.DoesNotContain("token-123", HttpFakes.BodyText(response));
    }

    [Fact]
    public async Task Negotiate_under_App_Service_Authentication_needs_a_signed_in_user()
    {
        var functions = Functions(FunctionsIdentityOptions.AppServiceAuthentication);

        var anonymous = await functions.NegotiateAsync(HttpFakes.Request("POST", "/api/negotiate"), ConnectionInfo, CancellationToken.None);
        var signedIn = await functions.NegotiateAsync(SignedIn("POST", "/api/negotiate", null), ConnectionInfo, CancellationToken.None);

        AssertProblem(anonymous, 401);
        Assert.DoesNotContain("token-123", HttpFakes.BodyText(anonymous));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(ConnectionInfo, HttpFakes.BodyText(signedIn));
    }

    [Fact]
    public void Negotiate_takes_the_token_user_id_from_the_platform_principal_header_only()
    {
        var parameter = typeof(LiveProgressHttpFunctions).GetMethod(nameof(LiveProgressHttpFunctions.NegotiateAsync))!.GetParameters()
            .Single(p => p.ParameterType == typeof(string));
        var binding = Assert.Single(parameter.GetCustomAttributes(typeof(SignalRConnectionInfoInputAttribute), false).Cast<SignalRConnectionInfoInputAttribute>());

        Assert.Equal((LiveProgress.HubName, "{headers.x-ms-client-principal-id}"), (binding.HubName, binding.UserId));
        Assert.Equal("x-ms-client-principal-id", AppServiceCallers.PrincipalIdHeader, ignoreCase: true);
    }

    [Fact]
    public async Task An_allowed_subscription_adds_the_connection_to_the_research_group()
    {
        Known(owner: null);

        var output = await Functions().SubscribeAsync(Subscribe(), ResearchId, client.Object, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, output.Response.StatusCode);
        var action = Assert.IsType<SignalRGroupAction>(output.GroupAction);
        Assert.Equal((SignalRGroupActionType.Add, "conn-1", LiveProgress.GroupOf(ResearchId)), (action.Action, action.ConnectionId, action.GroupName));
        Assert.Null(action.UserId);
        Assert.Equal("conn-1", HttpFakes.BodyJson<SubscribeResponse>(output.Response).ConnectionId);
    }

    [Fact]
    public async Task A_refused_subscription_is_a_404_and_adds_no_connection()
    {
        var unknown = await Functions().SubscribeAsync(Subscribe(), ResearchId, client.Object, CancellationToken.None);

        Known(owner: "aad:user-1");
        var notTheirs = await Functions(FunctionsIdentityOptions.AppServiceAuthentication).SubscribeAsync(
            SignedIn("POST", $"/api/research/{ResearchId}/subscribe", SubscribeBody, user: "user-2"), ResearchId, client.Object, CancellationToken.None);

        AssertProblem(unknown.Response, 404);
        Assert.Null(unknown.GroupAction);
        AssertProblem(notTheirs.Response, 404);
        Assert.Null(notTheirs.GroupAction);
    }

    [Fact]
    public async Task A_malformed_subscription_is_a_400_and_adds_no_connection()
    {
        Known(owner: null);

        var output = await Functions().SubscribeAsync(
            HttpFakes.Request("POST", $"/api/research/{ResearchId}/subscribe", """{"connectionId": "not a connection id!"}"""), ResearchId, client.Object, CancellationToken.None);

        AssertProblem(output.Response, 400);
        Assert.Null(output.GroupAction);
    }

    private LiveProgressHttpFunctions Functions(string provider = "") => new(
        new ResearchEndpoints(
            new ResearchRequestReader(new ResearchLimits()), new Mock<IEventLog>().Object, new Mock<IContentStore>().Object,
            Options.Create(new ResearchApiOptions()), NullLogger<ResearchEndpoints>.Instance),
        new AppServiceCallers(Options.Create(new FunctionsIdentityOptions { Provider = provider })));

    private static HttpRequestData Subscribe() => HttpFakes.Request("POST", $"/api/research/{ResearchId}/subscribe", SubscribeBody);

    private static HttpRequestData SignedIn(string method, string path, string? body, string user = "user-1") =>
        HttpFakes.Request(method, path, body, "application/json", (AppServiceCallers.PrincipalIdpHeader, "aad"), (AppServiceCallers.PrincipalIdHeader, user));

    private void Known(string? owner) =>
        client.Setup(c => c.GetInstanceAsync(ResearchId, true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(ResearchMetadata.Of(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Running, owner: owner));

    private static void AssertProblem(HttpResponseData response, int expectedStatus)
    {
        Assert.Equal(expectedStatus, (int)response.StatusCode);
        Assert.Equal(Problem.ContentType, HttpFakes.Header(response, "Content-Type"));
        Assert.Equal(expectedStatus, HttpFakes.BodyJson<Problem>(response).Status);
    }
}
