using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Researcher.Core.Llm;

namespace Researcher.Core.Tests.Llm;

public sealed class LlmOptionsTests
{
    private const string Key = "sk-options-secret-42";

    [Fact]
    public void No_provider_is_valid_and_means_the_offline_engine()
    {
        var options = new LlmOptions();

        Assert.Empty(Errors(options));
        Assert.False(options.IsEnabled);
    }

    [Theory]
    [InlineData(LlmOptions.OpenAI, "FastModel")]
    [InlineData(LlmOptions.OpenAI, "SmartModel")]
    [InlineData(LlmOptions.OpenAI, "ApiKey")]
    [InlineData(LlmOptions.AzureOpenAI, "Endpoint")]
    [InlineData(LlmOptions.OpenAICompatible, "Endpoint")]
    public void A_missing_setting_is_named(string provider, string setting)
    {
        var options = Valid(provider);
        typeof(LlmOptions).GetProperty(setting)!.SetValue(options, "");

        var error = Assert.Single(Errors(options));

        Assert.Equal($"Research:Llm:{setting} is required when Research:Llm:Provider is {provider}.", error.ErrorMessage);
        Assert.Equal([setting], error.MemberNames);
    }

    [Theory]
    [InlineData(LlmOptions.AzureOpenAI)]
    [InlineData(LlmOptions.OpenAICompatible)]
    public void A_key_is_optional_where_the_provider_allows_none(string provider)
    {
        var options = Valid(provider);
        options.ApiKey = null;

        Assert.Empty(Errors(options));
    }

    [Fact]
    public void Provider_names_ignore_case_and_an_unknown_one_is_rejected()
    {
        var lowerCase = Valid("openai");
        var unknown = Valid("OpenAl");

        Assert.Empty(Errors(lowerCase));
        Assert.Contains("Research:Llm:Provider 'OpenAl' is not known", Assert.Single(Errors(unknown)).ErrorMessage);
    }

    [Theory]
    [InlineData("localhost:11434/v1")]
    [InlineData("ftp://example.com/v1")]
    [InlineData("https://user:" + Key + "@example.com/v1")]
    public void An_endpoint_must_be_an_http_address_and_is_not_repeated(string endpoint)
    {
        var options = Valid(LlmOptions.OpenAICompatible);
        options.Endpoint = endpoint;

        var error = Assert.Single(Errors(options));

        Assert.Contains("Research:Llm:Endpoint", error.ErrorMessage);
        Assert.DoesNotContain(Key, error.ErrorMessage);
    }

    [Fact]
    public void Limits_are_range_checked()
    {
        var options = Valid(LlmOptions.OpenAI);
        options.MaxOutputTokens = 0;
        options.Timeout = TimeSpan.Zero;

        Assert.Equal(
            ["MaxOutputTokens", "Timeout"],
            Errors(options).SelectMany(e => e.MemberNames).Order());
    }

    [Fact]
    public void ToString_says_whether_the_key_is_set_but_never_shows_it()
    {
        var options = Valid(LlmOptions.OpenAI);

        var text = options.ToString();

        Assert.Contains("ApiKey=(set)", text);
        Assert.Contains("FastModel=fast", text);
        Assert.DoesNotContain(Key, text);
    }

    [Fact]
    public void The_section_binds_and_a_bad_setting_fails_validation_by_name()
    {
        using var provider = Services(new Dictionary<string, string?>
        {
            ["Research:Llm:Provider"] = "AzureOpenAI",
            ["Research:Llm:ApiKey"] = Key,
            ["Research:Llm:FastModel"] = "gpt-fast",
            ["Research:Llm:SmartModel"] = "gpt-smart",
            ["Research:Llm:Timeout"] = "00:00:30",
        });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LlmOptions>>().Value);

        Assert.Contains(failure.Failures, f => f.Contains("Research:Llm:Endpoint is required"));
        Assert.DoesNotContain(Key, failure.Message);
    }

    [Fact]
    public void Registered_clients_are_built_from_the_section()
    {
        using var provider = Services(new Dictionary<string, string?>
        {
            ["Research:Llm:Provider"] = "OpenAICompatible",
            ["Research:Llm:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Research:Llm:FastModel"] = "llama-small",
            ["Research:Llm:SmartModel"] = "llama-large",
        });

        var models = provider.GetRequiredService<ResearchModels>();

        Assert.Same(models.Fast, provider.GetRequiredKeyedService<Microsoft.Extensions.AI.IChatClient>(LlmServiceCollectionExtensions.FastModelKey));
        Assert.Same(models.Smart, provider.GetRequiredKeyedService<Microsoft.Extensions.AI.IChatClient>(LlmServiceCollectionExtensions.SmartModelKey));
        Assert.Null(models.Embeddings);
    }

    [Fact]
    public void Resolving_clients_without_a_provider_says_the_engine_is_offline()
    {
        using var provider = Services([]);

        var failure = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ResearchModels>());

        Assert.Contains("Research:Llm:Provider is not set", failure.Message);
    }

    private static LlmOptions Valid(string provider) => new()
    {
        Provider = provider,
        Endpoint = "https://example.openai.azure.com/",
        ApiKey = Key,
        FastModel = "fast",
        SmartModel = "smart",
    };

    private static List<ValidationResult> Errors(LlmOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLlmProviders();
        return services.BuildServiceProvider();
    }
}
