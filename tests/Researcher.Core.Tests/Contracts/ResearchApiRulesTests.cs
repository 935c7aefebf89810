using Researcher.Core.Contracts;

namespace Researcher.Core.Tests.Contracts;

public sealed class ResearchApiRulesTests
{
    [Theory]
    [InlineData(null, null, 0, 500)]
    [InlineData("12", null, 12, 500)]
    [InlineData("0", "10", 0, 10)]
    [InlineData("3", "100000", 3, 500)]
    public void An_events_query_reads_after_and_caps_limit(string? after, string? limit, long expectedAfter, int expectedCount)
    {
        var (page, problem) = ResearchApiRules.ReadEventsPage(after, limit, maxEvents: 500);

        Assert.Null(problem);
        Assert.Equal(new EventsPage(expectedAfter, expectedCount), page);
    }

    [Theory]
    [InlineData("-1", null, "after")]
    [InlineData("abc", null, "after")]
    [InlineData(" 5", null, "after")]
    [InlineData(null, "0", "limit")]
    [InlineData(null, "-3", "limit")]
    [InlineData(null, "1e3", "limit")]
    public void A_bad_events_query_is_a_400_naming_the_parameter(string? after, string? limit, string parameter)
    {
        var (page, problem) = ResearchApiRules.ReadEventsPage(after, limit, maxEvents: 500);

        Assert.Null(page);
        Assert.Equal(400, problem!.Status);
        Assert.Equal([parameter], problem.Errors!.Keys);
    }

    [Fact]
    public void A_malformed_id_is_a_400_that_quotes_at_most_64_characters_of_it()
    {
        var problem = ResearchApiRules.MalformedId(new string('x', 5_000));

        Assert.Equal(400, problem!.Status);
        Assert.True(problem.Detail.Length < 200, problem.Detail);
        Assert.Null(ResearchApiRules.MalformedId(ResearchIds.New()));
    }

    [Fact]
    public void Refusals_name_the_state_of_the_research()
    {
        Assert.Equal(409, ResearchApiRules.NoReport(ResearchRuntimeStatus.Failed, "The host stopped.").Status);
        Assert.Contains("failed and has no report. The host stopped.", ResearchApiRules.NoReport(ResearchRuntimeStatus.Failed, "The host stopped.").Detail);
        Assert.Contains("already cancelled", ResearchApiRules.AlreadyEnded(ResearchRuntimeStatus.Cancelled).Detail);
        Assert.Equal(404, ResearchApiRules.UnknownId(ResearchIds.New()).Status);
    }
}
