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
}
