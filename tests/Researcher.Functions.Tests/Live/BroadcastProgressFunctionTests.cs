using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Researcher.Core.Progress;
using Researcher.Functions.Live;

namespace Researcher.Functions.Tests.Live;

/// <summary>The queue-triggered broadcast over a mocked event log: what it sends, what it truncates, what it drops.</summary>
public sealed class BroadcastProgressFunctionTests
{
    private const string ResearchId = "00112233445566778899aabbccddeeff";
    private static readonly DateTime Recorded = new(2026, 12, 2, 9, 30, 0, DateTimeKind.Utc);

    private readonly Mock<IEventLog> eventLog = new(MockBehavior.Strict);

    [Fact]
    public async Task A_logged_event_goes_to_the_research_group_as_the_progress_message()
    {
        var logged = Event(7, new Dictionary<string, string> { ["url"] = "https://example.org/a" });
        eventLog.Setup(l => l.ReadAsync(ResearchId, 6, 1, It.IsAny<CancellationToken>())).ReturnsAsync([logged]);

        var action = await Function().BroadcastAsync(new ProgressNotice(ResearchId, 7), CancellationToken.None);

        Assert.NotNull(action);
        Assert.Equal((LiveProgress.MethodName, LiveProgress.GroupOf(ResearchId)), (action.Target, action.GroupName));
        Assert.Null(action.UserId);
        Assert.Null(action.ConnectionId);
        var argument = Assert.IsType<JsonElement>(Assert.Single(action.Arguments!));
        Assert.Equal(ResearchId, argument.GetProperty("researchId").GetString());
        Assert.Equal(7, argument.GetProperty("sequence").GetInt64());
        Assert.Equal("https://example.org/a", argument.GetProperty("data").GetProperty("url").GetString());
        Assert.False(argument.TryGetProperty("truncated", out _));
    }

    [Fact]
    public async Task An_event_larger_than_the_limit_goes_as_a_reference_without_its_data()
    {
        var big = Event(3, new Dictionary<string, string> { ["text"] = new string('x', 4_000) });
        eventLog.Setup(l => l.ReadAsync(ResearchId, 2, 1, It.IsAny<CancellationToken>())).ReturnsAsync([big]);

        var action = await Function(maxMessageBytes: 1_024).BroadcastAsync(new ProgressNotice(ResearchId, 3), CancellationToken.None);

        var argument = Assert.IsType<JsonElement>(Assert.Single(action!.Arguments!));
        Assert.True(argument.GetProperty("truncated").GetBoolean());
        Assert.Equal(3, argument.GetProperty("sequence").GetInt64());
        Assert.True(!argument.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null);
        Assert.True(argument.GetRawText().Length < 1_024);
    }

    [Fact]
    public async Task A_notice_whose_event_is_not_in_the_log_sends_nothing()
    {
        eventLog.Setup(l => l.ReadAsync(ResearchId, 4, 1, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        Assert.Null(await Function().BroadcastAsync(new ProgressNotice(ResearchId, 5), CancellationToken.None));
    }

    [Fact]
    public async Task A_notice_whose_number_the_log_skips_sends_nothing_rather_than_a_later_event()
    {
        eventLog.Setup(l => l.ReadAsync(ResearchId, 4, 1, It.IsAny<CancellationToken>())).ReturnsAsync([Event(6)]);

        Assert.Null(await Function().BroadcastAsync(new ProgressNotice(ResearchId, 5), CancellationToken.None));
    }

    [Theory]
    [InlineData("not-an-id", 1)]
    [InlineData(ResearchId, 0)]
    public async Task A_notice_that_names_no_event_is_dropped_without_reading_the_log(string researchId, long sequence)
    {
        Assert.Null(await Function().BroadcastAsync(new ProgressNotice(researchId, sequence), CancellationToken.None));
        eventLog.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_log_that_cannot_be_read_fails_the_function_so_the_queue_delivers_again()
    {
        eventLog.Setup(l => l.ReadAsync(ResearchId, 0, 1, It.IsAny<CancellationToken>())).ThrowsAsync(new Azure.RequestFailedException(503, "unavailable"));

        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => Function().BroadcastAsync(new ProgressNotice(ResearchId, 1), CancellationToken.None));
    }

    [Fact]
    public void The_function_returns_its_message_through_the_research_hub_output()
    {
        var method = typeof(BroadcastProgressFunction).GetMethod(nameof(BroadcastProgressFunction.BroadcastAsync))!;

        var output = Assert.Single(method.GetCustomAttributes(typeof(SignalROutputAttribute), false).Cast<SignalROutputAttribute>());
        var trigger = Assert.Single(method.GetParameters()[0].GetCustomAttributes(typeof(QueueTriggerAttribute), false).Cast<QueueTriggerAttribute>());
        Assert.Equal(LiveProgress.HubName, output.HubName);
        Assert.Equal(LiveProgress.NoticeQueueName, trigger.QueueName);
    }

    private BroadcastProgressFunction Function(int maxMessageBytes = 32 * 1024) => new(
        eventLog.Object, Options.Create(new LiveProgressOptions { MaxMessageBytes = maxMessageBytes }), NullLogger<BroadcastProgressFunction>.Instance);

    private static ProgressEvent Event(long sequence, IReadOnlyDictionary<string, string>? data = null) =>
        new(ResearchId, sequence, Recorded, ProgressEventType.SourceFound, "search", $"Found source {sequence}", 30, data);
}
