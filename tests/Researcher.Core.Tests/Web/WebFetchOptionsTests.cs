using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Researcher.Core.Web;

namespace Researcher.Core.Tests.Web;

public sealed class WebFetchOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_allow_nothing_private()
    {
        var options = new WebFetchOptions();

        Assert.Empty(Validate(options));
        Assert.Equal(5 * 1024 * 1024, options.MaxResponseBytes);
        Assert.Equal(TimeSpan.FromSeconds(20), options.Timeout);
        Assert.Equal(5, options.MaxRedirects);
        Assert.Empty(options.AllowedHosts);
        Assert.Equal(WebFetchOptions.DefaultContentTypes, options.EffectiveContentTypes);
        Assert.Contains("application/pdf", options.EffectiveContentTypes);
    }

    [Theory]
    [InlineData("not a host")]
    [InlineData("10.0.0.0/99")]
    [InlineData("host/path")]
    [InlineData("user@host")]
    [InlineData("")]
    [InlineData("::zz")]
    public void An_allowed_host_that_is_no_host_port_or_network_is_invalid(string entry)
    {
        var results = Validate(new WebFetchOptions { AllowedHosts = [entry] });

        Assert.Contains(results, result => result.MemberNames.Contains(nameof(WebFetchOptions.AllowedHosts)));
    }

    [Theory]
    [InlineData("html")]
    [InlineData("text/html; charset=utf-8")]
    [InlineData("text/")]
    public void An_allowed_content_type_that_is_no_media_type_is_invalid(string mediaType)
    {
        var results = Validate(new WebFetchOptions { AllowedContentTypes = [mediaType] });

        Assert.Contains(results, result => result.MemberNames.Contains(nameof(WebFetchOptions.AllowedContentTypes)));
    }

    [Fact]
    public void Out_of_range_limits_are_invalid()
    {
        var results = Validate(new WebFetchOptions { MaxResponseBytes = 10, Timeout = TimeSpan.Zero, MaxRedirects = -1, UserAgent = "" });

        Assert.Equal(4, results.Count);
    }

    [Theory]
    [InlineData("searx.internal", "searx.internal", 8080, true)]
    [InlineData("Searx.Internal", "searx.internal", 80, true)]
    [InlineData("searx.internal:8080", "searx.internal", 8080, true)]
    [InlineData("searx.internal:8080", "searx.internal", 8081, false)]
    [InlineData("searx.internal", "other.internal", 80, false)]
    [InlineData("127.0.0.1:5000", "127.0.0.1", 5000, true)]
    [InlineData("127.0.0.1:5000", "127.0.0.1", 5001, false)]
    [InlineData("127.0.0.1", "127.0.0.1", 5001, true)]
    [InlineData("[::1]:5000", "[::1]", 5000, true)]
    [InlineData("[::1]:5000", "::1", 5000, true)]
    [InlineData("::1", "[::1]", 1, true)]
    [InlineData("[::1]", "[::1]", 1, true)]
    [InlineData("10.0.0.0/8", "10.1.2.3", 80, false)]
    public void An_allowed_host_names_a_host_and_maybe_a_port(string entry, string host, int port, bool names)
    {
        Assert.True(AllowedHost.TryParse(entry, out var allowed));

        Assert.Equal(names, allowed.Names(host, port));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("fd00::/8", "fd00:ec2::254", true)]
    [InlineData("searx.internal", "10.1.2.3", false)]
    public void An_allowed_network_holds_its_addresses(string entry, string address, bool holds)
    {
        Assert.True(AllowedHost.TryParse(entry, out var allowed));

        Assert.Equal(holds, allowed.Holds(IPAddress.Parse(address)));
    }

    [Fact]
    public void Configured_lists_replace_the_defaults_instead_of_adding_to_them()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Research:Web:Fetch:AllowedContentTypes:0"] = "text/html",
                ["Research:Web:Fetch:AllowedHosts:0"] = "searx.internal:8080",
                ["Research:Web:Fetch:Timeout"] = "00:00:05",
            })
            .Build();
        using var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddWebFetching()
            .BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<WebFetchOptions>>().Value;

        Assert.Equal(["text/html"], options.EffectiveContentTypes);
        Assert.Equal(["searx.internal:8080"], options.AllowedHosts);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
        Assert.Same(provider.GetRequiredService<SafeHttpFetcher>(), provider.GetRequiredService<IWebFetcher>());
    }

    [Fact]
    public void A_bad_setting_fails_validation_naming_it()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Research:Web:Fetch:AllowedHosts:0"] = "not a host" })
            .Build();
        using var provider = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddWebFetching()
            .BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WebFetchOptions>>().Value);

        Assert.Contains("not a host", failure.Message);
    }

    private static List<ValidationResult> Validate(WebFetchOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
