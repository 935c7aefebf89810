using Researcher.Core.Text;

namespace Researcher.Core.Tests.Text;

public class TokenCounterTests
{
    [Fact]
    public void Counts_o200k_tokens()
    {
        var counter = TiktokenTokenCounter.Instance;
        Assert.Equal(0, counter.CountTokens(""));
        // "Hello, world!" is four o200k tokens: "Hello", ",", " world", "!".
        Assert.Equal(4, counter.CountTokens("Hello, world!"));
        var prose = string.Join(' ', Enumerable.Repeat("The research engine reads every source once.", 50));
        Assert.InRange(counter.CountTokens(prose), 300, 500);
    }

    [Fact]
    public void Takes_the_longest_start_within_a_token_count()
    {
        var counter = TiktokenTokenCounter.Instance;
        const string text = "Hello, world! The research engine reads every source once.";

        Assert.Equal("Hello, world", counter.TakeTokens(text, 3));
        Assert.Equal(text, counter.TakeTokens(text, 1_000));
        Assert.Equal("", counter.TakeTokens(text, 0));
        Assert.Equal("", counter.TakeTokens("", 5));
    }
}
