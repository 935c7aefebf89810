using System.Security.Cryptography;

namespace Researcher.Core.Contracts;

/// <summary>
/// Research ids are 128 random bits written as 32 lowercase hex digits: unguessable, so holding an
/// id is what lets a caller see a research (until identities are configured).
/// </summary>
public static class ResearchIds
{
    public const int Length = 32;

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length / 2));

    public static bool IsWellFormed(string? candidate) =>
        candidate is { Length: Length } && candidate.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
