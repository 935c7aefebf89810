using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Researcher.Core.Progress;
using Researcher.Core.Storage;

namespace Researcher.Core.Tests.Storage;

/// <summary>
/// How the research storage's settings become clients: a connection string (Azurite by default, as before),
/// or an account name or service addresses with a token credential, through the Azure client factory.
/// Nothing here reaches storage: clients are only built and their addresses read.
/// </summary>
public sealed class StorageConnectionTests
{
    private const string ClientId = "7d1f2c3b-0a4e-4e5f-9a6b-1c2d3e4f5a6b";

    [Fact]
    public void With_no_settings_the_clients_are_Azurite_through_its_connection_string()
    {
        using var provider = Storage();

        var options = provider.GetRequiredService<IOptions<ResearchStorageOptions>>().Value;
        Assert.Equal("UseDevelopmentStorage=true", options.ConnectionString);
        Assert.False(StorageConnection.ForResearch(options).UsesIdentity);
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", Blobs(provider).Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", Tables(provider).Uri.AbsoluteUri.TrimEnd('/'));
        Assert.IsType<BlobContentStore>(provider.GetRequiredService<IContentStore>());
        Assert.IsType<TableEventLog>(provider.GetRequiredService<IEventLog>());
    }

    [Fact]
    public void A_connection_string_names_its_own_endpoints()
    {
        using var provider = Storage(("ConnectionString",
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:20000/devstoreaccount1;TableEndpoint=http://127.0.0.1:20002/devstoreaccount1;"));

        Assert.Equal("http://127.0.0.1:20000/devstoreaccount1", Blobs(provider).Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:20002/devstoreaccount1", Tables(provider).Uri.AbsoluteUri.TrimEnd('/'));
    }

    [Fact]
    public void An_account_name_gives_identity_based_clients_on_the_account_default_addresses()
    {
        using var provider = Storage(("AccountName", "researchdata"), ("Credential", "managedidentity"), ("ClientId", ClientId));

        Assert.Equal("https://researchdata.blob.core.windows.net/", Blobs(provider).Uri.AbsoluteUri);
        Assert.Equal("https://researchdata.table.core.windows.net/", Tables(provider).Uri.AbsoluteUri);
        Assert.Equal("researchdata", Blobs(provider).AccountName);
    }

    [Fact]
    public void Service_addresses_win_over_the_account_name_and_the_connection_string_is_then_unused()
    {
        using var provider = Storage(
            ("ConnectionString", "UseDevelopmentStorage=true"),
            ("AccountName", "researchdata"),
            ("BlobServiceUri", "https://blobs.example.net/"));

        var connection = StorageConnection.ForResearch(provider.GetRequiredService<IOptions<ResearchStorageOptions>>().Value);
        Assert.True(connection.UsesIdentity);
        Assert.Null(connection.ConnectionString);
        Assert.Equal("https://blobs.example.net/", Blobs(provider).Uri.AbsoluteUri);
        Assert.Equal("https://researchdata.table.core.windows.net/", Tables(provider).Uri.AbsoluteUri);
    }

    [Fact]
    public void Managed_identity_with_a_client_id_is_a_managed_identity_credential()
    {
        var connection = StorageConnection.ForResearch(new ResearchStorageOptions { AccountName = "researchdata", Credential = "ManagedIdentity", ClientId = ClientId });

        Assert.IsType<ManagedIdentityCredential>(connection.CreateCredential(ComponentFactory()));
        Assert.Equal("Research:Storage: identity-based (credential ManagedIdentity, client id 7d1f2c3b-0a4e-4e5f-9a6b-1c2d3e4f5a6b)", connection.ToString());
    }

    [Fact]
    public void Without_a_credential_kind_the_factory_default_is_used()
    {
        var connection = StorageConnection.ForResearch(new ResearchStorageOptions { AccountName = "researchdata" });

        Assert.IsType<DefaultAzureCredential>(connection.CreateCredential(ComponentFactory()));
    }

    [Fact]
    public void A_connection_string_is_never_repeated_by_ToString()
    {
        var connection = StorageConnection.ForResearch(new ResearchStorageOptions { ConnectionString = "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=c2VjcmV0;" });

        Assert.Equal("Research:Storage: connection string", connection.ToString());
        Assert.Throws<InvalidOperationException>(() => connection.ServiceUri(StorageService.Blob));
    }

    public static TheoryData<string, string, string, string> InvalidSettings => new()
    {
        // setting, value, a second setting (or empty), the setting the message names
        { "BlobServiceUri", "https://blobs.example.net/", "", "Research:Storage:TableServiceUri" },
        { "TableServiceUri", "https://tables.example.net/", "", "Research:Storage:BlobServiceUri" },
        { "BlobServiceUri", "blobs.example.net", "AccountName=researchdata", "Research:Storage:BlobServiceUri" },
        { "TableServiceUri", "ftp://tables.example.net/", "AccountName=researchdata", "Research:Storage:TableServiceUri" },
        { "BlobServiceUri", "https://user:pass@blobs.example.net/", "AccountName=researchdata", "Research:Storage:BlobServiceUri" },
        { "AccountName", "Research-Data", "", "AccountName" },
        { "Credential", "clientsecret", "AccountName=researchdata", "Research:Storage:Credential" },
        { "ClientId", "my-identity", "AccountName=researchdata", "Research:Storage:ClientId" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Invalid_identity_settings_stop_the_host_naming_the_setting(string setting, string value, string other, string named)
    {
        var settings = new List<(string, string)> { (setting, value) };
        if (other.Split('=', 2) is [var otherKey, var otherValue])
            settings.Add((otherKey, otherValue));
        using var provider = Storage([.. settings]);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ResearchStorageOptions>>().Value);
        Assert.Contains(named, error.Message);
        Assert.DoesNotContain("pass", error.Message);
    }

    [Fact]
    public void The_credential_settings_apply_to_identity_only_and_are_ignored_beside_a_connection_string()
    {
        var connection = StorageConnection.ForResearch(new ResearchStorageOptions { Credential = "managedidentity", ClientId = ClientId });

        Assert.False(connection.UsesIdentity);
        Assert.Null(connection.Credential);
        Assert.IsType<DefaultAzureCredential>(connection.CreateCredential(ComponentFactory()));
    }

    [Fact]
    public void A_host_setting_value_is_a_connection_string_and_wins_over_its_children()
    {
        var configuration = Configuration(("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("AzureWebJobsStorage:accountName", "researchdata"));

        var connection = StorageConnection.FromSetting(configuration, "AzureWebJobsStorage");

        Assert.Equal("UseDevelopmentStorage=true", connection.ConnectionString);
    }

    [Fact]
    public void A_host_setting_reads_the_Functions_host_identity_keys()
    {
        var configuration = Configuration(
            ("AzureWebJobsStorage:queueServiceUri", "https://researchdata.queue.core.windows.net"),
            ("AzureWebJobsStorage:blobServiceUri", "https://researchdata.blob.core.windows.net"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", ClientId));

        var connection = StorageConnection.FromSetting(configuration, "AzureWebJobsStorage");

        Assert.True(connection.UsesIdentity);
        Assert.Equal("https://researchdata.queue.core.windows.net/", connection.ServiceUri(StorageService.Queue).AbsoluteUri);
        Assert.Equal("https://researchdata.blob.core.windows.net/", connection.ServiceUri(StorageService.Blob).AbsoluteUri);
        Assert.Equal((StorageConnection.ManagedIdentityCredential, ClientId), (connection.Credential, connection.ClientId));
        Assert.IsType<ManagedIdentityCredential>(connection.CreateCredential(ComponentFactory()));
        var missing = Assert.Throws<InvalidOperationException>(() => connection.ServiceUri(StorageService.Table));
        Assert.Contains("tableServiceUri", missing.Message);
    }

    [Fact]
    public void A_host_setting_account_name_gives_every_service()
    {
        var connection = StorageConnection.FromSetting(Configuration(("AzureWebJobsStorage:accountName", "researchdata")), "AzureWebJobsStorage");

        Assert.Equal("https://researchdata.queue.core.windows.net/", connection.ServiceUri(StorageService.Queue).AbsoluteUri);
        Assert.Equal("https://researchdata.table.core.windows.net/", connection.ServiceUri(StorageService.Table).AbsoluteUri);
    }

    [Fact]
    public void A_missing_or_malformed_host_setting_is_named()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => StorageConnection.FromSetting(Configuration(), "AzureWebJobsStorage"));
        Assert.Contains("AzureWebJobsStorage__accountName", missing.Message);

        var malformed = Assert.Throws<InvalidOperationException>(() =>
            StorageConnection.FromSetting(Configuration(("AzureWebJobsStorage:queueServiceUri", "/relative")), "AzureWebJobsStorage"));
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", malformed.Message);
    }

    private static BlobServiceClient Blobs(IServiceProvider provider) =>
        provider.GetRequiredService<IAzureClientFactory<BlobServiceClient>>().CreateClient(StorageServiceCollectionExtensions.ResearchClientName);

    private static TableServiceClient Tables(IServiceProvider provider) =>
        provider.GetRequiredService<IAzureClientFactory<TableServiceClient>>().CreateClient(StorageServiceCollectionExtensions.ResearchClientName);

    private static AzureComponentFactory ComponentFactory()
    {
        var services = new ServiceCollection();
        services.AddAzureClientsCore();
        return services.BuildServiceProvider().GetRequiredService<AzureComponentFactory>();
    }

    private static ServiceProvider Storage(params (string Key, string Value)[] settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(Configuration([.. settings.Select(s => ($"{ResearchStorageOptions.SectionName}:{s.Key}", s.Value))]))
            .AddAzureResearchStorage()
            .BuildServiceProvider();

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
