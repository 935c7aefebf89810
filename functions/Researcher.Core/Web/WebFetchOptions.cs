using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Researcher.Core.Web;

/// <summary>
/// How the web reader fetches pages: how much, how long, how many redirects, which content, and which
/// private hosts it may reach after all. Bound from <c>Research:Web:Fetch</c> and validated at
/// start-up.
/// </summary>
/// <remarks>
/// The two lists are empty by default and an empty <see cref="AllowedContentTypes"/> means
/// <see cref="DefaultContentTypes"/>: configuration binding adds configured items to a list's
/// existing ones, so defaults held in the list itself could never be narrowed from configuration.
/// </remarks>
public sealed class WebFetchOptions : IValidatableObject
{
    public const string SectionName = "Research:Web:Fetch";

    /// <summary>The content types read when <see cref="AllowedContentTypes"/> is empty: web pages, text, PDF and feeds.</summary>
    public static readonly IReadOnlyList<string> DefaultContentTypes =
    [
        "text/html", "application/xhtml+xml", "text/plain", "text/markdown", "application/pdf",
        "application/json", "application/xml", "application/atom+xml",
    ];

    /// <summary>
    /// Largest response body read, in bytes, after decompression; a larger declared length is refused
    /// before the body is read, and a body without one is cut off and refused once it passes this.
    /// </summary>
    [Range(1_024, 1_073_741_824)]
    public long MaxResponseBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Longest one fetch may take, every redirect and the whole body included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Most redirects followed; one more is refused.</summary>
    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// Hosts that may be reached although they are not on the public internet, for self-hosted
    /// sources such as a SearXNG instance. Each item is a host name or IP address (any port), a
    /// <c>host:port</c> or <c>[IPv6]:port</c> (that port only), or a network in CIDR notation such as
    /// <c>10.1.0.0/16</c> (any address in it, whatever the host's name). Empty by default: nothing private.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>The User-Agent header sent with every request.</summary>
    [Required, StringLength(512, MinimumLength = 1)]
    public string UserAgent { get; set; } = "Researcher/1.0 (+https://github.com/researcher; deep-research reader)";

    /// <summary>
    /// Media types read (without parameters, such as <c>text/html</c>; <c>text/*</c> allows a whole
    /// family); any other type is refused before its body is read. Empty means <see cref="DefaultContentTypes"/>.
    /// </summary>
    public List<string> AllowedContentTypes { get; set; } = [];

    /// <summary>The media types actually allowed: <see cref="AllowedContentTypes"/>, or the defaults when it is empty.</summary>
    public IReadOnlyList<string> EffectiveContentTypes =>
        AllowedContentTypes.Count > 0 ? AllowedContentTypes : DefaultContentTypes;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in AllowedHosts)
        {
            if (!AllowedHost.TryParse(entry, out _))
                yield return new ValidationResult(
                    $"'{entry}' is not a host name, host:port or CIDR network.", [nameof(AllowedHosts)]);
        }
        foreach (var mediaType in AllowedContentTypes)
        {
            var slash = mediaType.IndexOf('/');
            if (slash <= 0 || slash == mediaType.Length - 1 || mediaType.Contains(';') || mediaType.Any(char.IsWhiteSpace))
                yield return new ValidationResult(
                    $"'{mediaType}' is not a media type such as text/html.", [nameof(AllowedContentTypes)]);
        }
    }
}

/// <summary>
/// One item of <see cref="WebFetchOptions.AllowedHosts"/>: a host (with or without a port), or a
/// network of addresses.
/// </summary>
internal sealed record AllowedHost(string? Host, IPAddress? Address, int? Port, IPNetwork? Network)
{
    /// <summary>Parses an item; false when it is none of the accepted forms.</summary>
    public static bool TryParse(string? entry, out AllowedHost allowed)
    {
        allowed = null!;
        entry = entry?.Trim();
        if (string.IsNullOrEmpty(entry))
            return false;
        if (entry.Contains('/'))
        {
            if (!IPNetwork.TryParse(entry, out var network))
                return false;
            allowed = new AllowedHost(null, null, null, network);
            return true;
        }
        if (!entry.StartsWith('[') && entry.Count(c => c == ':') > 1)
        {
            if (!IPAddress.TryParse(entry, out var bare) || bare.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
                return false;
            allowed = new AllowedHost(null, bare, null, null);
            return true;
        }
        if (!Uri.TryCreate("http://" + entry + "/", UriKind.Absolute, out var uri)
            || uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            return false;
        var closingBracket = entry.LastIndexOf(']');
        int? port = entry.LastIndexOf(':') > closingBracket ? uri.Port : null;
        allowed = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? new AllowedHost(null, IPAddress.Parse(uri.DnsSafeHost), port, null)
            : new AllowedHost(uri.IdnHost.ToLowerInvariant(), null, port, null);
        return true;
    }

    /// <summary>True when this item names the host <paramref name="host"/> (a name or an IP literal) and the port.</summary>
    public bool Names(string host, int port)
    {
        if (Port is { } only && only != port)
            return false;
        if (Address is not null)
            return IPAddress.TryParse(host.Trim('[', ']'), out var literal) && literal.Equals(Address);
        return Host is not null && string.Equals(Host, host.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when this item is a network holding <paramref name="address"/>.</summary>
    public bool Holds(IPAddress address) =>
        Network is { } network && network.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
