using Researcher.Core.Search.Web;

namespace Researcher.Core.Tests.Search.Web;

public sealed class DomainFilterTests
{
    [Theory]
    [InlineData("example.com", "example.com", true)]
    [InlineData("docs.example.com", "example.com", true)]
    [InlineData("a.b.EXAMPLE.com.", "Example.COM", true)]
    [InlineData("badexample.com", "example.com", false)]
    [InlineData("example.com", "docs.example.com", false)]
    [InlineData("example.com.evil.net", "example.com", false)]
    [InlineData("bücher.example", "xn--bcher-kva.example", true)]
    public void A_host_matches_its_domain_and_subdomains_only(string host, string domain, bool matches) =>
        Assert.Equal(matches, DomainFilter.HostMatches(host, domain));

    [Fact]
    public void Without_lists_everything_passes()
    {
        Assert.True(DomainFilter.None.IsEmpty);
        Assert.True(DomainFilter.None.Allows("https://anything.example/"));
        Assert.True(DomainFilter.None.Allows("notes/local.md"));
    }

    [Fact]
    public void An_include_list_keeps_only_its_domains()
    {
        var filter = new DomainFilter(["wikipedia.org", " .arxiv.org ", "*.nih.gov", ""], null);

        Assert.True(filter.Allows("https://en.wikipedia.org/wiki/Tide"));
        Assert.True(filter.Allows("http://export.arxiv.org/abs/1"));
        Assert.True(filter.Allows("https://www.ncbi.nlm.nih.gov/pmc/"));
        Assert.False(filter.Allows("https://example.com/wikipedia.org"));
        Assert.False(filter.Allows("notes/local.md"));
        Assert.Equal(["wikipedia.org", "arxiv.org", "nih.gov"], filter.IncludeDomains);
    }

    [Fact]
    public void The_exclude_list_wins_over_the_include_list()
    {
        var filter = new DomainFilter(["example.com"], ["ads.example.com", "https://Spam.example.net/path"]);

        Assert.True(filter.Allows("https://www.example.com/"));
        Assert.False(filter.Allows("https://x.ads.example.com/"));
        Assert.False(filter.Allows("https://spam.example.net/"));
        Assert.Equal(["ads.example.com", "spam.example.net"], filter.ExcludeDomains);
    }

    [Fact]
    public void An_exclude_list_alone_keeps_everything_else()
    {
        var filter = new DomainFilter(null, ["pinterest.com"]);

        Assert.True(filter.Allows("https://example.org/"));
        Assert.True(filter.Allows("notes/local.md"));
        Assert.False(filter.Allows("https://www.pinterest.com/pin/1"));
    }
}
