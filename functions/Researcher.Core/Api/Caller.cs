namespace Researcher.Core.Api;

/// <summary>
/// Who sends a request, as the host verified it. With no identity configured every caller is
/// <see cref="Anonymous"/> and a research's 128-bit id is the capability to it. With one configured
/// (App Service Authentication in Azure, a bearer token locally), a caller is either a user with a
/// stable id, or <see cref="Unauthenticated"/>, which every endpoint refuses with 401.
/// </summary>
public sealed record Caller
{
    private Caller(string? userId, bool authenticated)
    {
        UserId = userId;
        IsAuthenticated = authenticated;
    }

    /// <summary>The verified user's stable id (issuer-qualified); null for an anonymous caller.</summary>
    public string? UserId { get; }

    /// <summary>False only for <see cref="Unauthenticated"/>.</summary>
    public bool IsAuthenticated { get; }

    /// <summary>No identity is configured: the research id is the capability.</summary>
    public static Caller Anonymous { get; } = new(null, true);

    /// <summary>An identity is configured, and the request carried none that the host could verify.</summary>
    public static Caller Unauthenticated { get; } = new(null, false);

    /// <summary>A user the host verified.</summary>
    public static Caller User(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return new Caller(userId, true);
    }

    /// <summary>
    /// Whether this caller may see a research whose owner is <paramref name="owner"/>: a research with an
    /// owner is its owner's alone; one started with no identity configured is anyone's who has its id.
    /// </summary>
    public bool MaySee(string? owner) => IsAuthenticated && (owner is null || string.Equals(owner, UserId, StringComparison.Ordinal));
}
