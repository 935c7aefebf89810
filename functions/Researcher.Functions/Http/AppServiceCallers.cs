using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Options;
using Researcher.Core.Api;

namespace Researcher.Functions.Http;

/// <summary>
/// The caller of an HTTP function, as <see cref="FunctionsIdentityOptions"/> says to read it: always
/// <see cref="Caller.Anonymous"/> with no identity configured; with App Service Authentication, the
/// user named by the platform's <c>X-MS-CLIENT-PRINCIPAL-IDP</c> and <c>X-MS-CLIENT-PRINCIPAL-ID</c>
/// headers (<c>{idp}:{principal-id}</c>, so two providers' ids never collide), or
/// <see cref="Caller.Unauthenticated"/> when the request carries no single value of each.
/// </summary>
public sealed class AppServiceCallers(IOptions<FunctionsIdentityOptions> options)
{
    public const string PrincipalIdHeader = "X-MS-CLIENT-PRINCIPAL-ID";
    public const string PrincipalIdpHeader = "X-MS-CLIENT-PRINCIPAL-IDP";

    /// <summary>Whether App Service Authentication is the app's identity (the principal headers are the platform's).</summary>
    public bool IdentityConfigured => options.Value.Provider == FunctionsIdentityOptions.AppServiceAuthentication;

    public Caller From(HttpRequestData request)
    {
        if (!IdentityConfigured) return Caller.Anonymous;
        return SingleValue(request, PrincipalIdpHeader) is { } idp && SingleValue(request, PrincipalIdHeader) is { } id
            ? Caller.User($"{idp}:{id}")
            : Caller.Unauthenticated;
    }

    /// <summary>Whether the request carries a principal id header at all (with no identity configured, only a client could have set it).</summary>
    public static bool CarriesPrincipalId(HttpRequestData request) => request.Headers.Contains(PrincipalIdHeader);

    private static string? SingleValue(HttpRequestData request, string header) =>
        request.Headers.TryGetValues(header, out var values) && values.ToList() is [var value] && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : null;
}
