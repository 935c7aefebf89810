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

    /// <summary>What is wrong with the settings, or null.</summary>
    public string? Problem()
    {
        if (!IsConfigured) return null;
        if (Authority.Length > 0 && SigningKey.Length > 0) return "set either Authority or SigningKey, not both";
        if (Audience.Length == 0) return "Audience is required";
        if (SigningKey.Length > 0 && Issuer.Length == 0) return "Issuer is required with SigningKey";
        if (SigningKey.Length > 0 && !IsLongBase64(SigningKey)) return "SigningKey must be base64 of at least 32 bytes";
        if (Authority.Length > 0 && !Authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) return "Authority must be an https URL";
        return null;
    }

    private static bool IsLongBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var length) && length >= 32;
    }
}
