namespace Researcher.Functions.Http;

/// <summary>
/// The web client's files in a folder (the app's <c>web/</c>, which eng/WebClient.targets fills from
/// functions/web and the npm libraries): a request path names one of them, or nothing. A path that is
/// not plain relative segments (empty, <c>.</c> or <c>..</c> segments, backslashes, colons, control
/// characters, a leading dot), that leaves the folder, that passes through a link, or whose type is not
/// one a browser client uses, names nothing.
/// </summary>
public sealed class WebClientFiles(string folder)
{
    public const string IndexFile = "index.html";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json; charset=utf-8",
        [".map"] = "application/json; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".webp"] = "image/webp",
        [".woff2"] = "font/woff2",
    };

    private readonly string root = Path.GetFullPath(folder);

    /// <summary>The app's web/ folder.</summary>
    public static string DefaultFolder { get; } = Path.Combine(AppContext.BaseDirectory, "web");

    /// <summary>The file <paramref name="path"/> names (empty: index.html) and its content type, or null.</summary>
    public (string Path, string ContentType)? Find(string? path)
    {
        var relative = string.IsNullOrEmpty(path) ? IndexFile : path;
        var segments = relative.Split('/');
        if (!segments.All(IsPlainSegment)) return null;
        if (!ContentTypes.TryGetValue(Path.GetExtension(relative), out var contentType)) return null;

        var full = Path.GetFullPath(Path.Combine([root, .. segments]));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full)) return null;
        return PassesThroughLink(full) ? null : (full, contentType);
    }

    private static bool IsPlainSegment(string segment) =>
        segment.Length is > 0 and <= 255 && segment[0] != '.'
        && !segment.Any(c => char.IsControl(c) || c is '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|');

    private bool PassesThroughLink(string full)
    {
        for (var entry = full; entry.Length > root.Length; entry = Path.GetDirectoryName(entry)!)
        {
            FileSystemInfo info = entry == full ? new FileInfo(entry) : new DirectoryInfo(entry);
            if (info.LinkTarget is not null) return true;
        }
        return false;
    }
}
