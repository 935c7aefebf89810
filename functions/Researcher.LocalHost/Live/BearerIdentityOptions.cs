namespace Researcher.LocalHost.Live;

/// <summary>
/// An optional identity for the local host: JWT bearer tokens, from an OpenID Connect issuer
/// (<see cref="Authority"/>, e.g. Entra ID) or signed with a shared key (<see cref="SigningKey"/>,
/// for a gateway or tests that issue their own). Bound from <c>Research:Identity:Bearer</c>. When
/// configured, every API request needs a valid token, and a research belongs to the user who started
/// it (issuer and subject); when not (the default), the research id is the capability.
/// </summary>
public sealed class BearerIdentityOptions
{
    public const string SectionName = "Research:Identity:Bearer";

    /// <summary>The OpenID Connect issuer whose signing keys are fetched from its metadata (https).</summary>
    public string Authority { get; set; } = "";

    /// <summary>The audience tokens must be issued for (required when an identity is configured).</summary>
    public string Audience { get; set; } = "";

    /// <summary>With <see cref="SigningKey"/>: the issuer tokens must name.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>An HMAC-SHA256 key (base64, at least 32 bytes) that signs tokens, instead of an <see cref="Authority"/>.</summary>
    public string SigningKey { get; set; } = "";

    public bool IsConfigured => Authority.Length > 0 || SigningKey.Length > 0;

    /// <summary>
    /// Unconfigured, or configured with Audience and either Authority (an https URL) or Issuer with a
    /// SigningKey of base64 of at least 32 bytes, not both (checked at start-up).
    /// </summary>
    public bool IsValid => !IsConfigured || (Audience.Length > 0 && (Authority.Length > 0
        ? SigningKey.Length == 0 && Authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        : Issuer.Length > 0 && SigningKeys.Decode(SigningKey) is not null));
}
