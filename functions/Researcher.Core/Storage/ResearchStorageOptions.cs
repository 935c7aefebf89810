using System.ComponentModel.DataAnnotations;

namespace Researcher.Core.Storage;

/// <summary>Where reports, source text and event logs are stored. Bound from <c>Research:Storage</c>.</summary>
public sealed class ResearchStorageOptions
{
    public const string SectionName = "Research:Storage";

    /// <summary>An Azure Storage connection string; the default is the local Azurite emulator.</summary>
    [Required]
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>The blob container for reports, source text and passages.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string ContainerName { get; set; } = "research";

    /// <summary>The table holding every research's event log (one partition per research).</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string EventsTableName { get; set; } = "ResearchEvents";
}
