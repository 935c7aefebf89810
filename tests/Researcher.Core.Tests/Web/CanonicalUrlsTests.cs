using Researcher.Core.Web;

namespace Researcher.Core.Tests.Web;

public sealed class CanonicalUrlsTests
{
    [Theory]
    [InlineData("HTTP://Example.COM/Path", "http://example.com/Path")]
    [InlineData("http://example.com:80/a", "http://example.com/a")]
    [InlineData("https://example.com:443/a", "https://example.com/a")]
    [InlineData("https://example.com:8443/a", "https://example.com:8443/a")]
    [InlineData("http://example.com/a#section-2", "http://example.com/a")]
    [InlineData("http://example.com", "http://example.com/")]
    [InlineData("http://example.com/a?utm_source=news&utm_medium=email&id=7", "http://example.com/a?id=7")]
    [InlineData("http://example.com/a?b=2&gclid=abc&a=1&fbclid=xyz", "http://example.com/a?b=2&a=1")]
    [InlineData("http://example.com/a?UTM_Campaign=x", "http://example.com/a")]
    [InlineData("http://example.com/a?msclkid=1&q=caf%C3%A9", "http://example.com/a?q=caf%C3%A9")]
    [InlineData("http://example.com/a?utmost=1", "http://example.com/a?utmost=1")]
    [InlineData("http://example.com/a?z=1&y=2", "http://example.com/a?z=1&y=2")]
    [InlineData("http://example.com/a?", "http://example.com/a")]
    [InlineData("http://user:pw@example.com/a", "http://example.com/a")]
    [InlineData("http://[2001:DB8::1]:80/a", "http://[2001:db8::1]/a")]
    public void A_url_has_one_canonical_spelling(string url, string canonical)
    {
        Assert.Equal(canonical, CanonicalUrls.Of(new Uri(url)).AbsoluteUri);
    }

    [Fact]
    public void Two_spellings_of_a_page_are_equal_once_canonical()
    {
        Assert.Equal(
            CanonicalUrls.Of(new Uri("https://Docs.Example.org:443/guide?utm_source=x#intro")),
            CanonicalUrls.Of(new Uri("https://docs.example.org/guide")));
    }

    [Fact]
    public void A_relative_url_has_no_canonical_form()
    {
        Assert.Throws<ArgumentException>(() => CanonicalUrls.Of(new Uri("/a", UriKind.Relative)));
    }
}
