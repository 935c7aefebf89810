using System.Globalization;

namespace Researcher.Core.Search.Web;

/// <summary>
/// Which result locations a research may cite, by domain: with an include list only hosts in it
/// pass, and hosts in the exclude list never pass (exclusion wins). A host matches a domain when it
/// equals it or is a subdomain of it (<c>docs.example.com</c> matches <c>example.com</c>;
/// <c>badexample.com</c> does not), ignoring case, a trailing dot and IDN spelling. Entries may be
/// written as <c>example.com</c>, <c>.example.com</c>, <c>*.example.com</c> or a URL; blank ones are
/// ignored. Applied to every web provider's results after the call, since most APIs cannot filter
/// themselves (Tavily gets the lists natively as well).
/// </summary>
public sealed class DomainFilter
{
    private static readonly IdnMapping Idn = new();

    public DomainFilter(IEnumerable<string>? includeDomains, IEnumerable<string>? excludeDomains)
    {
        IncludeDomains = Normalize(includeDomains);
        ExcludeDomains = Normalize(excludeDomains);
    }

    /// <summary>A filter that lets everything through.</summary>
    public static DomainFilter None { get; } = new(null, null);

    /// <summary>The normalized include list (lower-case ASCII domains); empty means every domain.</summary>
    public IReadOnlyList<string> IncludeDomains { get; }

    /// <summary>The normalized exclude list.</summary>
    public IReadOnlyList<string> ExcludeDomains { get; }

    /// <summary>Whether the filter removes anything at all.</summary>
    public bool IsEmpty => IncludeDomains.Count == 0 && ExcludeDomains.Count == 0;

    /// <summary>
    /// Whether a result at <paramref name="location"/> may be kept. A location that is not an
    /// absolute URL has no host: it passes only when there is no include list.
    /// </summary>
    public bool Allows(string location)
    {
        if (IsEmpty) return true;
        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            return IncludeDomains.Count == 0;
        var host = NormalizeHost(uri.Host);
        if (ExcludeDomains.Any(domain => HostMatches(host, domain))) return false;
        return IncludeDomains.Count == 0 || IncludeDomains.Any(domain => HostMatches(host, domain));
    }

    /// <summary>Whether <paramref name="host"/> is <paramref name="domain"/> or one of its subdomains.</summary>
    public static bool HostMatches(string host, string domain)
    {
        host = NormalizeHost(host);
        domain = NormalizeHost(domain);
        if (host.Length == 0 || domain.Length == 0) return false;
        return host.Equals(domain, StringComparison.Ordinal)
            || host.Length > domain.Length
            && host.EndsWith(domain, StringComparison.Ordinal)
            && host[host.Length - domain.Length - 1] == '.';
    }

    private static List<string> Normalize(IEnumerable<string>? domains) =>
        (domains ?? [])
            .Select(NormalizeEntry)
            .Where(domain => domain.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static string NormalizeEntry(string? entry)
    {
        var text = (entry ?? "").Trim();
        if (text.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(text, UriKind.Absolute, out var uri))
            text = uri.Host;
        if (text.StartsWith("*.", StringComparison.Ordinal)) text = text[2..];
        return NormalizeHost(text.TrimStart('.'));
    }

    private static string NormalizeHost(string host)
    {
        var trimmed = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (trimmed.Length == 0 || trimmed.All(char.IsAscii)) return trimmed;
        try
        {
            return Idn.GetAscii(trimmed);
        }
        catch (ArgumentException)
        {
            return trimmed;
        }
    }
}
