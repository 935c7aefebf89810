using Researcher.Core.Reading;

namespace Researcher.Core.Tests.Reading;

public sealed class HeadingNumbersTests
{
    [Theory]
    [InlineData("19.4. Resource Consumption", "Resource Consumption")]
    [InlineData("20.4.1. Memory", "Memory")]
    [InlineData("1. What Is PostgreSQL?", "What Is PostgreSQL?")]
    [InlineData("F.3. auto_explain", "auto_explain")]
    [InlineData("F.3.1 Configuration Parameters", "Configuration Parameters")]
    [InlineData("Appendix F. Additional Supplied Modules", "Additional Supplied Modules")]
    [InlineData("Chapter 19. Server Setup and Operation", "Server Setup and Operation")]
    [InlineData("Part III. Server Administration", "Server Administration")]
    [InlineData("Section 4.2: Value Expressions", "Value Expressions")]
    [InlineData("IV. Client Interfaces", "Client Interfaces")]
    [InlineData("1.2.3 Scope", "Scope")]
    [InlineData("9.4.1. `format`", "`format`")]
    public void Leading_numbering_is_dropped(string heading, string expected) =>
        Assert.Equal(expected, HeadingNumbers.Strip(heading));

    [Theory]
    [InlineData("3.11")]
    [InlineData("3.11.2")]
    [InlineData("2.0 (2001)")]
    [InlineData("12. 3 ways to scale")]
    [InlineData("Chapter 19.")]
    [InlineData("What's New In Python 3.11")]
    [InlineData("2to3 — Automated Python 2 to 3 code translation")]
    [InlineData("A. Smith's method")]
    [InlineData("Appendixes")]
    [InlineData("I/O Base Classes")]
    public void A_number_a_version_or_a_heading_without_numbering_is_kept(string heading) =>
        Assert.Equal(heading, HeadingNumbers.Strip(heading));
}
