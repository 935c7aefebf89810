using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Researcher.LocalHost.Tests.Support;

/// <summary>
/// A bearer identity for a test host: the settings that turn the local host's identity on
/// (<c>Research:Identity:Bearer</c>, an issuer with a fresh HMAC key), and tokens it accepts.
/// </summary>
internal sealed class TestIdentity
{
    public const string Issuer = "https://identity.test";
    public const string Audience = "researcher";

    private readonly byte[] signingKey = RandomNumberGenerator.GetBytes(32);

    /// <summary>The host settings of this identity.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Research:Identity:Bearer:Issuer"] = Issuer,
        ["Research:Identity:Bearer:Audience"] = Audience,
        ["Research:Identity:Bearer:SigningKey"] = Convert.ToBase64String(signingKey),
    };

    /// <summary>A token for <paramref name="subject"/>, valid for an hour from <paramref name="issuedAt"/> (now), signed with this identity's key unless another is given.</summary>
    public string Token(string subject, DateTime? issuedAt = null, byte[]? signingKey = null)
    {
        var issued = issuedAt ?? DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued.AddHours(1),
            Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = subject },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(signingKey ?? this.signingKey), SecurityAlgorithms.HmacSha256),
        });
    }
}
