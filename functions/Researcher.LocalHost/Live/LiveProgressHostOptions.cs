using System.ComponentModel.DataAnnotations;

namespace Researcher.LocalHost.Live;

/// <summary>
/// The local host's SignalR hub and the tokens <c>POST /api/negotiate</c> hands out for it. Bound
/// from <c>Research:SignalR</c>. Azure SignalR Service is used instead of connections held by this
/// process when <c>Azure:SignalR:ConnectionString</c> is set (the Microsoft.Azure.SignalR setting).
/// </summary>
public sealed class LiveProgressHostOptions
{
    public const string SectionName = "Research:SignalR";

    /// <summary>
    /// The key (base64, at least 32 bytes) that signs and checks the hub's access tokens. Empty (the
    /// default) means a random key made at start-up: tokens then hold for this process only, which is
    /// right for one host. Hosts behind one address (sharing an Azure SignalR Service) need the same key.
    /// </summary>
    public string TokenSigningKey { get; set; } = "";

    /// <summary>How long a hub access token holds; a client negotiates again (through /api/negotiate) when it reconnects.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>True when <see cref="TokenSigningKey"/> is empty or base64 of at least 32 bytes (checked at start-up).</summary>
    public bool IsKeyValid => TokenSigningKey.Length == 0 || SigningKeys.Decode(TokenSigningKey) is not null;
}
