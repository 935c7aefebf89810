namespace Researcher.LocalHost.Live;

/// <summary>The HMAC-SHA256 keys settings give as base64 (hub tokens, bearer identity): at least 32 bytes, the hash's size.</summary>
public static class SigningKeys
{
    public const int MinBytes = 32;

    /// <summary>The key's bytes, or null when <paramref name="base64"/> is not base64 of at least <see cref="MinBytes"/> bytes.</summary>
    public static byte[]? Decode(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var length) && length >= MinBytes ? buffer[..length] : null;
    }
}
