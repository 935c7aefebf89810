using System.Text.Json;

namespace Researcher.Functions.Tests.Build;

/// <summary>
/// The <c>functions.metadata</c> the Worker SDK generated for the Functions app (copied beside these tests
/// by its build): what the host will bind, in either build of the SignalR extension.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly Lazy<JsonElement[]> Functions = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(f => f.Clone()).ToArray();
    });

    [Fact]
    public void BroadcastProgress_is_triggered_by_the_notice_queue_and_returns_to_the_research_hub()
    {
        var bindings = Bindings("BroadcastProgress");

        var trigger = Assert.Single(bindings, b => Type(b) == "queueTrigger");
        Assert.Equal(("In", "research-progress"), (Text(trigger, "direction"), Text(trigger, "queueName")));
        var output = Assert.Single(bindings, b => Type(b) == "signalR");
        Assert.Equal(("Out", "$return", "research"), (Text(output, "direction"), Text(output, "name"), Text(output, "hubName")));
    }

    [Fact]
    public void Negotiate_binds_connection_info_for_the_research_hub_with_the_platform_principal_as_user()
    {
        var bindings = Bindings("Negotiate");

        var trigger = Assert.Single(bindings, b => Type(b) == "httpTrigger");
        Assert.Equal(("api/negotiate", "Anonymous"), (Text(trigger, "route"), Text(trigger, "authLevel")));
        Assert.Equal(["post"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        var info = Assert.Single(bindings, b => Type(b) == "signalRConnectionInfo");
        Assert.Equal(("In", "research", "{headers.x-ms-client-principal-id}"), (Text(info, "direction"), Text(info, "hubName"), Text(info, "userId")));
    }

    [Fact]
    public void SubscribeResearch_answers_over_http_and_manages_groups_of_the_research_hub()
    {
        var bindings = Bindings("SubscribeResearch");

        var trigger = Assert.Single(bindings, b => Type(b) == "httpTrigger");
        Assert.Equal("api/research/{id}/subscribe", Text(trigger, "route"));
        Assert.Single(bindings, b => Type(b) == "http" && Text(b, "direction") == "Out");
        var output = Assert.Single(bindings, b => Type(b) == "signalR");
        Assert.Equal(("Out", "research"), (Text(output, "direction"), Text(output, "hubName")));
    }

    [Fact]
    public void Every_api_route_names_its_api_prefix_and_the_web_client_takes_the_rest()
    {
        var routes = Functions.Value
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray().Where(b => Type(b) == "httpTrigger").Select(b => (Name: Text(f, "name"), Route: Text(b, "route"))))
            .ToList();

        Assert.Equal("{*path}", Assert.Single(routes, r => r.Name == "WebClient").Route);
        Assert.All(routes.Where(r => r.Name != "WebClient"), r => Assert.StartsWith("api/", r.Route));
        Assert.Contains(routes, r => r.Route == "api/research");
    }

    private static JsonElement[] Bindings(string function) =>
        Assert.Single(Functions.Value, f => Text(f, "name") == function).GetProperty("bindings").EnumerateArray().ToArray();

    private static string? Type(JsonElement binding) => Text(binding, "type");

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetString() : null;
}
