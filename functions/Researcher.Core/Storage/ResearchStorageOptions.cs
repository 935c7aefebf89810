using System.ComponentModel.DataAnnotations;

namespace Researcher.Core.Storage;

/// <summary>
/// Where reports, source text and event logs are stored. Bound from <c>Research:Storage</c>. Either a
/// connection string (the default is the local Azurite emulator), or, for an account that refuses shared
/// keys, its name or service addresses with an Entra ID credential (see <see cref="StorageConnection"/>).
/// </summary>
public sealed class ResearchStorageOptions : IValidatableObject
{
    public const string SectionName = "Research:Storage";

    /// <summary>
    /// An Azure Storage connection string; the default is the local Azurite emulator. Not used when
    /// <see cref="AccountName"/>, <see cref="BlobServiceUri"/> or <see cref="TableServiceUri"/> is set.
    /// </summary>
    [Required]
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>
    /// An identity-based connection: the storage account's name, whose blob and table services are
    /// then <c>https://NAME.blob.core.windows.net/</c> and <c>https://NAME.table.core.windows.net/</c>.
    /// </summary>
    [RegularExpression("^[a-z0-9]{3,24}$")]
    public string? AccountName { get; set; }

    /// <summary>An identity-based connection: the blob service's address (wins over <see cref="AccountName"/>).</summary>
    public string? BlobServiceUri { get; set; }

    /// <summary>An identity-based connection: the table service's address (wins over <see cref="AccountName"/>).</summary>
    public string? TableServiceUri { get; set; }

    /// <summary>
    /// An identity-based connection's credential: <c>managedidentity</c> (a managed identity, the one of
    /// <see cref="ClientId"/> when set), or empty for <c>DefaultAzureCredential</c> (a managed identity in
    /// Azure, the developer's login locally).
    /// </summary>
    public string? Credential { get; set; }

    /// <summary>An identity-based connection: the client id of the user-assigned managed identity to use.</summary>
    public string? ClientId { get; set; }

    /// <summary>The blob container for reports, source text and passages.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string ContainerName { get; set; } = "research";

    /// <summary>The table holding every research's event log (one partition per research).</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string EventsTableName { get; set; } = "ResearchEvents";

    /// <summary>Whether the connection is identity-based (an account name or a service address is set).</summary>
    public bool UsesIdentity =>
        !string.IsNullOrWhiteSpace(AccountName) || !string.IsNullOrWhiteSpace(BlobServiceUri) || !string.IsNullOrWhiteSpace(TableServiceUri);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesIdentity)
            yield break;
        foreach (var (name, value) in new[] { (nameof(BlobServiceUri), BlobServiceUri), (nameof(TableServiceUri), TableServiceUri) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                if (string.IsNullOrWhiteSpace(AccountName))
                    yield return new ValidationResult($"{SectionName}:{name} (or {SectionName}:{nameof(AccountName)}) is required for an identity-based connection.", [name]);
            }
            else if (StorageConnection.AbsoluteUri(value) is null)
            {
                yield return new ValidationResult($"{SectionName}:{name} must be an absolute http or https URI without user information.", [name]);
            }
        }
        if (!string.IsNullOrWhiteSpace(Credential)
            && !string.Equals(Credential.Trim(), StorageConnection.ManagedIdentityCredential, StringComparison.OrdinalIgnoreCase))
            yield return new ValidationResult(
                $"{SectionName}:{nameof(Credential)} must be {StorageConnection.ManagedIdentityCredential} or empty (DefaultAzureCredential).", [nameof(Credential)]);
        if (!string.IsNullOrWhiteSpace(ClientId) && !Guid.TryParse(ClientId.Trim(), out _))
            yield return new ValidationResult($"{SectionName}:{nameof(ClientId)} must be a managed identity's client id (a GUID).", [nameof(ClientId)]);
    }
}
