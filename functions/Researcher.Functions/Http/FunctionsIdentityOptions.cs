using System.ComponentModel.DataAnnotations;

namespace Researcher.Functions.Http;

/// <summary>
/// Who the Functions app takes its callers to be. Bound from <c>Research:Identity</c>. With no
/// <see cref="Provider"/> (the default) every caller is anonymous and a research's id is the capability.
/// With <see cref="AppServiceAuthentication"/>, a caller is the user App Service Authentication signed
/// in, read from the headers the platform sets (<see cref="AppServiceCallers"/>), and a research is its
/// starter's alone. Set it only on an app whose App Service Authentication is enabled: only then does the
/// platform strip the copies of those headers a client sends, so without it they could be forged.
/// </summary>
public sealed class FunctionsIdentityOptions
{
    public const string SectionName = "Research:Identity";

    /// <summary>The <see cref="Provider"/> value for App Service Authentication ("Easy Auth").</summary>
    public const string AppServiceAuthentication = "AppServiceAuthentication";

    /// <summary>Empty (no identity) or <see cref="AppServiceAuthentication"/>.</summary>
    [AllowedValues("", AppServiceAuthentication)]
    public string Provider { get; set; } = "";
}
