namespace Researcher.Core.Web;

/// <summary>
/// One spelling per page, so a research reads a page once however its links were written: the
/// scheme and host in lower case, no default port, no fragment, no user information and none of the
/// query parameters that only track the click (<c>utm_*</c>, <c>gclid</c>, <c>fbclid</c> and a few
/// alike). Everything else, the order of the remaining parameters included, is kept, since a server
/// may treat it as meaningful.
/// </summary>
public static class CanonicalUrls
{
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "fbclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
    };

    /// <summary>
    /// The canonical spelling of a search hit's location: an http or https URL in its canonical
    /// form, any other location (a document of the folder) as it is.
    /// </summary>
    public static string OfLocation(string location) =>
        WebPageReader.IsWebLocation(location, out var url) ? Of(url).AbsoluteUri : location;

    /// <summary>The canonical form of the absolute URL <paramref name="url"/>.</summary>
    public static Uri Of(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
            throw new ArgumentException("The URL must be absolute.", nameof(url));

        var builder = new UriBuilder(url)
        {
            Scheme = url.Scheme.ToLowerInvariant(),
            Host = url.Host.ToLowerInvariant(),
            UserName = "",
            Password = "",
            Fragment = "",
            Query = KeptQuery(url.Query),
        };
        if (url.IsDefaultPort)
            builder.Port = -1;
        return builder.Uri;
    }

    private static string KeptQuery(string query)
    {
        if (query.Length <= 1)
            return "";
        var kept = query[1..]
            .Split('&')
            .Where(pair => pair.Length > 0 && !IsTracking(pair));
        return string.Join('&', kept);
    }

    private static bool IsTracking(string pair)
    {
        var equals = pair.IndexOf('=');
        var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
        return name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) || TrackingParameters.Contains(name);
    }
}
