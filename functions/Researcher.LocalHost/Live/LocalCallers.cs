using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Researcher.Core.Api;

namespace Researcher.LocalHost.Live;

/// <summary>
/// Who sent a request to the local host: <see cref="Caller.Anonymous"/> when no identity is
/// configured; otherwise the user of a valid bearer token (issuer and subject, so two issuers'
/// subjects never collide), or <see cref="Caller.Unauthenticated"/>.
/// </summary>
public sealed class LocalCallers(IOptions<BearerIdentityOptions> options)
{
    public bool IdentityConfigured => options.Value.IsConfigured;

    public async Task<Caller> ResolveAsync(HttpContext context)
    {
        if (!IdentityConfigured) return Caller.Anonymous;
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        var issuer = result.Principal?.FindFirst(JwtRegisteredClaimNames.Iss)?.Value;
        var subject = result.Principal?.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        return result.Succeeded && !string.IsNullOrEmpty(issuer) && !string.IsNullOrEmpty(subject)
            ? Caller.User($"{issuer}|{subject}")
            : Caller.Unauthenticated;
    }
}
