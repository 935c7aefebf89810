using Researcher.Core.Contracts;

namespace Researcher.Core.Tests.Contracts;

public class ResearchIdsTests
{
    [Fact]
    public void New_ids_are_well_formed_and_distinct()
    {
        var ids = Enumerable.Range(0, 1_000).Select(_ => ResearchIds.New()).ToList();

        Assert.All(ids, id => Assert.True(ResearchIds.IsWellFormed(id), id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcdeg")]
    [InlineData("../../../../etc/passwd/........")]
    public void Anything_else_is_not_an_id(string? candidate) => Assert.False(ResearchIds.IsWellFormed(candidate));
}
