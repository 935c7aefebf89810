using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Researcher.Core.Storage;

namespace Researcher.LocalHost.Tests.Configuration;

/// <summary>The local host's Durable Task engine runs on the research storage's connection string only.</summary>
public sealed class StorageSettingsTests
{
    [Fact]
    public void An_identity_based_research_storage_stops_the_local_host_naming_the_connection_string()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection([new KeyValuePair<string, string?>("Research:Storage:AccountName", "researchdata")]);
        using var app = builder.AddLocalHost().Build();

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<ResearchStorageOptions>>().Value);
        Assert.Contains("Research:Storage:ConnectionString", error.Message);
    }

    [Fact]
    public void The_default_connection_string_is_valid_for_the_local_host()
    {
        using var app = WebApplication.CreateBuilder().AddLocalHost().Build();

        Assert.Equal("UseDevelopmentStorage=true", app.Services.GetRequiredService<IOptions<ResearchStorageOptions>>().Value.ConnectionString);
    }
}
