using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;

namespace Researcher.Core.Storage;

/// <summary>A service of an Azure Storage account.</summary>
public enum StorageService
{
    Blob,
    Queue,
    Table,
}

/// <summary>
/// How the app reaches one Azure Storage account: a connection string (Azurite locally, or an account
/// key where one is allowed), or the account's service addresses with an Entra ID token credential (a
/// managed identity in Azure, where the account refuses shared keys).
/// </summary>
/// <remarks>
/// Identity-based connections follow the Azure Functions host's convention for a connection named
/// <c>NAME</c>: <c>NAME__accountName</c> (the services are then
/// <c>https://ACCOUNT.{blob|queue|table}.core.windows.net/</c>), or one service URI each
/// (<c>NAME__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c>), which wins over the
/// account name for its service; and the credential as Microsoft.Extensions.Azure reads it:
/// <c>NAME__credential=managedidentity</c> with <c>NAME__clientId</c> for a user-assigned identity, or no
/// credential for <c>DefaultAzureCredential</c>. The clients themselves are built through the Azure client
/// factory (<see cref="StorageServiceCollectionExtensions"/>).
/// </remarks>
public sealed class StorageConnection
{
    /// <summary>The <c>credential</c> value for a managed identity (Microsoft.Extensions.Azure's name).</summary>
    public const string ManagedIdentityCredential = "managedidentity";

    private StorageConnection(string setting, string? connectionString, string? accountName,
        Uri? blobServiceUri, Uri? queueServiceUri, Uri? tableServiceUri, string? credential, string? clientId)
    {
        Setting = setting;
        ConnectionString = connectionString;
        AccountName = accountName;
        BlobServiceUri = blobServiceUri;
        QueueServiceUri = queueServiceUri;
        TableServiceUri = tableServiceUri;
        Credential = credential;
        ClientId = clientId;
    }

    /// <summary>The setting (or section) this connection was read from, named in error messages.</summary>
    public string Setting { get; }

    /// <summary>The connection string, or null for an identity-based connection.</summary>
    public string? ConnectionString { get; }

    /// <summary>Whether the clients authenticate with a token credential rather than a connection string.</summary>
    public bool UsesIdentity => ConnectionString is null;

    public string? AccountName { get; }

    public Uri? BlobServiceUri { get; }

    public Uri? QueueServiceUri { get; }

    public Uri? TableServiceUri { get; }

    /// <summary>The credential kind (<see cref="ManagedIdentityCredential"/>, or null for <c>DefaultAzureCredential</c>).</summary>
    public string? Credential { get; }

    /// <summary>The client id of a user-assigned managed identity, or null.</summary>
    public string? ClientId { get; }

    /// <summary>
    /// The research storage of <c>Research:Storage</c>: identity-based when <see cref="ResearchStorageOptions.AccountName"/>,
    /// <see cref="ResearchStorageOptions.BlobServiceUri"/> or <see cref="ResearchStorageOptions.TableServiceUri"/> is set
    /// (the connection string, which defaults to Azurite, is then not used), otherwise the connection string.
    /// </summary>
    public static StorageConnection ForResearch(ResearchStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.UsesIdentity)
            return new(ResearchStorageOptions.SectionName, options.ConnectionString, null, null, null, null, null, null);
        return new(ResearchStorageOptions.SectionName, null, Trimmed(options.AccountName),
            AbsoluteUri(options.BlobServiceUri), null, AbsoluteUri(options.TableServiceUri), Trimmed(options.Credential), Trimmed(options.ClientId));
    }

    /// <summary>
    /// The connection named <paramref name="name"/> as the Functions host reads it (e.g. <c>AzureWebJobsStorage</c>):
    /// the setting's own value is a connection string and wins, as in the host; otherwise its
    /// <c>accountName</c>, <c>blobServiceUri</c>, <c>queueServiceUri</c>, <c>tableServiceUri</c>,
    /// <c>credential</c> and <c>clientId</c> children (<c>NAME__accountName</c> in app settings).
    /// </summary>
    /// <exception cref="InvalidOperationException">The setting names no storage account, or a URI it gives is not absolute.</exception>
    public static StorageConnection FromSetting(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var section = configuration.GetSection(name);
        if (Trimmed(section.Value) is { } connectionString)
            return new(name, connectionString, null, null, null, null, null, null);

        var accountName = Trimmed(section["accountName"]);
        var blob = SettingUri(section, name, "blobServiceUri");
        var queue = SettingUri(section, name, "queueServiceUri");
        var table = SettingUri(section, name, "tableServiceUri");
        if (accountName is null && blob is null && queue is null && table is null)
            throw new InvalidOperationException(
                $"{name} must be a storage connection string, or name the account for an identity-based connection " +
                $"({name}__accountName, or {name}__blobServiceUri / __queueServiceUri / __tableServiceUri, with {name}__credential and {name}__clientId).");
        return new(name, null, accountName, blob, queue, table, Trimmed(section["credential"]), Trimmed(section["clientId"]));
    }

    /// <summary>The address of <paramref name="service"/>: its own URI, else the account name's default one.</summary>
    /// <exception cref="InvalidOperationException">A connection string (which has no separate addresses), or neither is set.</exception>
    public Uri ServiceUri(StorageService service)
    {
        if (!UsesIdentity)
            throw new InvalidOperationException($"{Setting} is a connection string, not a set of service addresses.");
        var explicitUri = service switch
        {
            StorageService.Blob => BlobServiceUri,
            StorageService.Queue => QueueServiceUri,
            _ => TableServiceUri,
        };
        if (explicitUri is not null)
            return explicitUri;
        if (AccountName is not null)
            return new Uri($"https://{AccountName}.{service.ToString().ToLowerInvariant()}.core.windows.net/");
        throw new InvalidOperationException(
            $"{Setting} has no address for {service} storage: set its {UriSettingOf(service)} or its accountName.");
    }

    /// <summary>
    /// The token credential of an identity-based connection, made by Microsoft.Extensions.Azure from
    /// <see cref="Credential"/> and <see cref="ClientId"/> exactly as the Functions host makes its own
    /// (a <c>ManagedIdentityCredential</c> for <see cref="ManagedIdentityCredential"/>); with neither set,
    /// the factory's default (<c>DefaultAzureCredential</c>). A connection string needs none, and gets the default.
    /// </summary>
    public TokenCredential CreateCredential(AzureComponentFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var settings = new Dictionary<string, string?>();
        if (UsesIdentity && Credential is not null)
            settings["credential"] = Credential;
        if (UsesIdentity && ClientId is not null)
            settings["clientId"] = ClientId;
        return factory.CreateTokenCredential(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }

    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions options, TokenCredential credential) =>
        UsesIdentity ? new BlobServiceClient(ServiceUri(StorageService.Blob), credential, options) : new BlobServiceClient(ConnectionString, options);

    public TableServiceClient CreateTableServiceClient(TableClientOptions options, TokenCredential credential) =>
        UsesIdentity ? new TableServiceClient(ServiceUri(StorageService.Table), credential, options) : new TableServiceClient(ConnectionString, options);

    /// <summary>Says how the connection is made, never a connection string's secrets.</summary>
    public override string ToString() =>
        UsesIdentity
            ? $"{Setting}: identity-based (credential {Credential ?? "default"}{(ClientId is null ? "" : $", client id {ClientId}")})"
            : $"{Setting}: connection string";

    private static string UriSettingOf(StorageService service) => $"{service.ToString().ToLowerInvariant()}ServiceUri";

    private static Uri? SettingUri(IConfiguration section, string name, string key)
    {
        var text = Trimmed(section[key]);
        if (text is null)
            return null;
        return AbsoluteUri(text) ?? throw new InvalidOperationException($"{name}__{key} must be an absolute http or https URI.");
    }

    internal static Uri? AbsoluteUri(string? text) =>
        Uri.TryCreate(Trimmed(text), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : null;

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
