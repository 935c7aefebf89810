namespace Researcher.Core.Api;

/// <summary>
/// The headers every HTTP answer of either host carries: no MIME sniffing, no framing, no referrer,
/// and a content security policy that lets the web client load only its own scripts, styles and
/// images, and connect only to its own origin and, when Azure SignalR Service holds the connections,
/// to that service (negotiate sends the browser there).
/// </summary>
public sealed class SecurityHeaders
{
    /// <summary>The headers of a host whose live progress stays on its own origin.</summary>
    public static SecurityHeaders SameOrigin { get; } = new(signalRConnectionString: null);

    /// <param name="signalRConnectionString">The Azure SignalR Service connection string the host uses, or null when it holds connections itself.</param>
    public SecurityHeaders(string? signalRConnectionString)
    {
        var connectSources = ServiceOrigin(signalRConnectionString) is { } origin
            ? $"'self' {origin.AbsoluteUri.TrimEnd('/')} {WebSocketOrigin(origin)}"
            : "'self'";
        ContentSecurityPolicy =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
            $"connect-src {connectSources}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        All =
        [
            new("X-Content-Type-Options", "nosniff"),
            new("X-Frame-Options", "DENY"),
            new("Referrer-Policy", "no-referrer"),
            new("Content-Security-Policy", ContentSecurityPolicy),
        ];
    }

    public string ContentSecurityPolicy { get; }

    /// <summary>Every header, by name and value.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> All { get; }

    /// <summary>
    /// The origin browsers connect to, from an Azure SignalR connection string
    /// (<c>Endpoint=https://name.service.signalr.net;AccessKey=...;Version=1.0;</c>, with an optional
    /// <c>Port</c> and <c>ClientEndpoint</c>, which wins when set); null when the string names none.
    /// </summary>
    public static Uri? ServiceOrigin(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            return null;
        var properties = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var endpoint = properties.GetValueOrDefault("ClientEndpoint") ?? properties.GetValueOrDefault("Endpoint");
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return null;
        var port = properties.TryGetValue("Port", out var portText) && int.TryParse(portText, out var parsed) && parsed is > 0 and < 65536
            ? parsed
            : uri.Port;
        return new UriBuilder(uri.Scheme, uri.Host, port).Uri;
    }

    private static string WebSocketOrigin(Uri origin) =>
        new UriBuilder(origin.Scheme == "https" ? "wss" : "ws", origin.Host, origin.IsDefaultPort ? -1 : origin.Port).Uri.AbsoluteUri.TrimEnd('/');
}
