using System.ComponentModel.DataAnnotations;

namespace Researcher.LocalHost.State;

/// <summary>
/// Where the local host keeps the state of each research (status, progress, failure, report name).
/// Bound from <c>Research:State</c>; the storage account is the one of <c>Research:Storage</c>.
/// </summary>
public sealed class ResearchStateOptions
{
    public const string SectionName = "Research:State";

    /// <summary>The table holding one row per research.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string TableName { get; set; } = "Researches";
}
