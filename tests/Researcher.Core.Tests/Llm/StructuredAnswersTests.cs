using System.Text.Json;
using Microsoft.Extensions.AI;
using Moq;
using Researcher.Core.Llm;
using Researcher.Testing;

namespace Researcher.Core.Tests.Llm;

public sealed class StructuredAnswersTests
{
    /// <summary>An answer shape like the planner's: a list and an enum.</summary>
    public sealed record SearchPlan(IReadOnlyList<string> Queries, PlanDepth Depth);

    public enum PlanDepth { Shallow, Deep }

    private static readonly Func<SearchPlan, IReadOnlyList<string>> NoFaults = _ => [];

    private static IReadOnlyList<string> AtLeastTwoQueries(SearchPlan plan) =>
        plan.Queries.Count >= 2 ? [] : [$"queries must hold at least 2 items, not {plan.Queries.Count}."];

    private const string GoodPlan = """{"queries":["solar output","panel efficiency"],"depth":"deep"}""";
    private const string MalformedAnswer = "Sure! queries: solar output SECRET-MODEL-TEXT";

    [Fact]
    public async Task A_valid_answer_is_read_and_the_request_asks_the_fast_model_for_json()
    {
        await using var server = await LoopbackHttpServer.StartAsync(FakeOpenAI.ChatAnswers((GoodPlan, 40, 12)));
        using var models = LlmClients.Create(FakeOpenAI.OptionsFor(server), FakeOpenAI.Http);

        var answer = await StructuredAnswers.AskAsync(
            models.Fast,
            [new ChatMessage(ChatRole.System, "You plan web research."), new ChatMessage(ChatRole.User, "How efficient are solar panels?")],
            NoFaults);

        Assert.Equal(["solar output", "panel efficiency"], answer.Value.Queries);
        Assert.Equal(PlanDepth.Deep, answer.Value.Depth);
        Assert.Equal((new LlmUsage(40, 12, 52), 1), (answer.Usage, answer.Attempts));
        var body = FakeOpenAI.BodyOf(Assert.Single(server.Requests));
        Assert.Equal("fast-model", body.GetProperty("model").GetString());
        Assert.Equal("json_object", body.GetProperty("response_format").GetProperty("type").GetString());
        var messages = body.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "system", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Contains("You plan web research.", messages[0].GetProperty("content").ToString());
        var shape = messages[1].GetProperty("content").ToString();
        Assert.Contains("JSON schema", shape);
        Assert.Contains("queries", shape);
        Assert.Contains("deep", shape);
        Assert.Contains("How efficient are solar panels?", messages[2].GetProperty("content").ToString());
    }

    [Fact]
    public async Task An_answer_in_a_json_code_fence_is_unwrapped()
    {
        await using var server = await LoopbackHttpServer.StartAsync(
            FakeOpenAI.ChatAnswers("Here is the plan:\n```json\n" + GoodPlan + "\n```\nGood luck."));
        using var models = LlmClients.Create(FakeOpenAI.OptionsFor(server), FakeOpenAI.Http);

        var answer = await StructuredAnswers.AskAsync(models.Fast, [new ChatMessage(ChatRole.User, "Plan.")], NoFaults);

        Assert.Equal(PlanDepth.Deep, answer.Value.Depth);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Malformed_json_is_repaired_once_with_the_answer_and_its_fault_sent_back()
    {
        await using var server = await LoopbackHttpServer.StartAsync(
            FakeOpenAI.ChatAnswers((MalformedAnswer, 30, 8), (GoodPlan, 60, 10)));
        using var models = LlmClients.Create(FakeOpenAI.OptionsFor(server), FakeOpenAI.Http);

        var answer = await StructuredAnswers.AskAsync(models.Fast, [new ChatMessage(ChatRole.User, "Plan.")], NoFaults);

        Assert.Equal(2, answer.Attempts);
        Assert.Equal(new LlmUsage(90, 18, 108), answer.Usage);
        Assert.Equal(2, server.Requests.Count);
        var repair = FakeOpenAI.BodyOf(server.Requests[1]).GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["system", "user", "assistant", "user"], repair.Select(m => m.GetProperty("role").GetString()));
        Assert.Contains(MalformedAnswer, repair[2].GetProperty("content").ToString());
        var request = repair[3].GetProperty("content").ToString();
        Assert.Contains("could not be accepted", request);
        Assert.Contains("corrected JSON only", request);
    }

    [Fact]
    public async Task Malformed_json_twice_fails_without_the_model_text()
    {
        await using var server = await LoopbackHttpServer.StartAsync(FakeOpenAI.ChatAnswers(MalformedAnswer, "{\"queries\": [SECRET-MODEL-TEXT"));
        using var models = LlmClients.Create(FakeOpenAI.OptionsFor(server), FakeOpenAI.Http);

        var failure = await Assert.ThrowsAsync<LlmAnswerException>(() =>
            StructuredAnswers.AskAsync(models.Fast, [new ChatMessage(ChatRole.User, "Plan.")], NoFaults));

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(nameof(SearchPlan), failure.AnswerType);
        Assert.Contains("not valid JSON for SearchPlan", failure.Message);
        Assert.DoesNotContain("SECRET", failure.ToString());
        Assert.DoesNotContain(FakeOpenAI.ApiKey, failure.ToString());
        Assert.Null(failure.InnerException);
        Assert.Equal(new LlmUsage(20, 10, 30), failure.Usage);
    }

    [Fact]
    public async Task A_validation_fault_is_sent_back_and_the_repaired_answer_accepted()
    {
        await using var server = await LoopbackHttpServer.StartAsync(
            FakeOpenAI.ChatAnswers("""{"queries":["solar output"],"depth":"shallow"}""", GoodPlan));
        using var models = LlmClients.Create(FakeOpenAI.OptionsFor(server), FakeOpenAI.Http);

        var answer = await StructuredAnswers.AskAsync<SearchPlan>(models.Fast, [new ChatMessage(ChatRole.User, "Plan.")], AtLeastTwoQueries);

        Assert.Equal(2, answer.Value.Queries.Count);
        var repair = FakeOpenAI.BodyOf(server.Requests[1]).GetProperty("messages").EnumerateArray().Last();
        Assert.Contains("queries must hold at least 2 items, not 1.", repair.GetProperty("content").ToString());
    }

    [Fact]
    public async Task A_validation_fault_twice_fails_naming_the_fault()
    {
        var client = ClientAnswering("""{"queries":["one"],"depth":"deep"}""", """{"queries":[],"depth":"deep"}""");

        var failure = await Assert.ThrowsAsync<LlmAnswerException>(() =>
            StructuredAnswers.AskAsync<SearchPlan>(client.Object, [new ChatMessage(ChatRole.User, "Plan.")], AtLeastTwoQueries));

        Assert.Equal(["queries must hold at least 2 items, not 0."], failure.Faults);
        client.Verify(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Theory]
    [InlineData("""{"depth":"deep"}""")] // a required constructor parameter missing
    [InlineData("""{"queries":null,"depth":"deep"}""")] // null in a non-nullable property
    [InlineData("""{"queries":["a","b"],"depth":"sideways"}""")] // not one of the enum's values
    [InlineData("null")]
    [InlineData("   ")]
    public async Task Answers_of_the_wrong_shape_get_a_repair(string wrong)
    {
        var client = ClientAnswering(wrong, GoodPlan);

        var answer = await StructuredAnswers.AskAsync(client.Object, [new ChatMessage(ChatRole.User, "Plan.")], NoFaults);

        Assert.Equal(2, answer.Attempts);
    }

    [Fact]
    public async Task Unknown_properties_comments_and_trailing_commas_are_tolerated()
    {
        var client = ClientAnswering("""
            // the plan
            {"queries":["a","b",],"depth":"Deep","reasoning":"because"}
            """);

        var answer = await StructuredAnswers.AskAsync(client.Object, [new ChatMessage(ChatRole.User, "Plan.")], NoFaults);

        Assert.Equal((PlanDepth.Deep, 1), (answer.Value.Depth, answer.Attempts));
    }

    [Fact]
    public async Task The_callers_messages_and_options_are_left_as_they_were()
    {
        var client = ClientAnswering(MalformedAnswer, GoodPlan);
        List<ChatMessage> messages = [new ChatMessage(ChatRole.User, "Plan.")];
        var options = new ChatOptions { Temperature = 0.2f };

        await StructuredAnswers.AskAsync(client.Object, messages, NoFaults, options);

        Assert.Single(messages);
        Assert.Null(options.ResponseFormat);
        client.Verify(c => c.GetResponseAsync(
            It.IsAny<IEnumerable<ChatMessage>>(),
            It.Is<ChatOptions>(o => o.Temperature == 0.2f && o.ResponseFormat is ChatResponseFormatJson),
            It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task A_callers_response_format_is_kept()
    {
        var client = ClientAnswering(GoodPlan);
        var schema = JsonDocument.Parse("""{"type":"object"}""").RootElement;

        await StructuredAnswers.AskAsync(
            client.Object, [new ChatMessage(ChatRole.User, "Plan.")], NoFaults,
            new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "plan") });

        client.Verify(c => c.GetResponseAsync(
            It.IsAny<IEnumerable<ChatMessage>>(),
            It.Is<ChatOptions>(o => ((ChatResponseFormatJson)o.ResponseFormat!).SchemaName == "plan"),
            It.IsAny<CancellationToken>()));
    }

    [Theory]
    [InlineData("```json\n{\"a\":1}\n```", "{\"a\":1}")]
    [InlineData("```\n{\"a\":1}```", "{\"a\":1}")]
    [InlineData("  {\"a\":\"```x```\"}  ", "{\"a\":\"```x```\"}")]
    [InlineData("[1,2]", "[1,2]")]
    public void Fences_are_removed_only_around_the_json(string answer, string json)
    {
        Assert.Equal(json, StructuredAnswers.Unfence(answer));
    }

    [Fact]
    public void Usage_adds_up_and_missing_counts_are_zero()
    {
        var first = LlmUsage.From(new UsageDetails { InputTokenCount = 3, OutputTokenCount = 4 });
        var second = LlmUsage.From(new UsageDetails { InputTokenCount = 1, OutputTokenCount = 2, TotalTokenCount = 5 });

        Assert.Equal(new LlmUsage(4, 6, 12), first + second);
        Assert.Equal(LlmUsage.Zero, LlmUsage.From(null));
    }

    private static Mock<IChatClient> ClientAnswering(params string[] answers)
    {
        var client = new Mock<IChatClient>();
        var next = 0;
        client.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new ChatResponse(new ChatMessage(ChatRole.Assistant, answers[Math.Min(next++, answers.Length - 1)]))
            {
                Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 },
            });
        return client;
    }
}
