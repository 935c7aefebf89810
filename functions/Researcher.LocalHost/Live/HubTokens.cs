using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Researcher.Core.Api;

namespace Researcher.LocalHost.Live;

/// <summary>
/// The access tokens of the local hub, as Azure SignalR Service's serverless negotiate hands out its
/// own: <c>POST /api/negotiate</c> issues one (carrying the caller's verified user id, if any), and
/// the hub accepts a connection only with one (the JS client sends it as a bearer header to the
/// hub's negotiate, and as <c>access_token</c> in the query string for WebSockets and SSE).
/// </summary>
public sealed class HubTokens
{
    public const string Scheme = "ResearchHub";
    private const string Issuer = "researcher-local-host";
    private const string Audience = "researcher-hub";

    private readonly SymmetricSecurityKey key;
    private readonly TimeSpan lifetime;
    private readonly TimeProvider time;

    public HubTokens(IOptions<LiveProgressHostOptions> options, TimeProvider time)
    {
        key = new SymmetricSecurityKey(SigningKeys.Decode(options.Value.TokenSigningKey) ?? RandomNumberGenerator.GetBytes(SigningKeys.MinBytes));
        lifetime = options.Value.TokenLifetime;
        this.time = time;
    }

    /// <summary>A token for one connection of <paramref name="caller"/>.</summary>
    public string Issue(Caller caller)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>();
        if (caller.UserId is { } userId) claims[JwtRegisteredClaimNames.Sub] = userId;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>How the hub checks them.</summary>
    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = JwtRegisteredClaimNames.Sub,
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    /// <summary>The SignalR user of a hub connection: the verified user id the token carries, or none.</summary>
    public sealed class UserIds : Microsoft.AspNetCore.SignalR.IUserIdProvider
    {
        public string? GetUserId(Microsoft.AspNetCore.SignalR.HubConnectionContext connection) =>
            connection.User.FindFirstValue(JwtRegisteredClaimNames.Sub);
    }
}
