using Microsoft.Extensions.Options;

namespace Researcher.Core.Reading;

/// <summary>
/// The configured documents folder: which files it holds and how to read one safely. A location is
/// a path relative to the folder with '/' separators; nothing outside the folder can be reached
/// through one, whether by "..", an absolute path or a symbolic link that leads out.
/// Thread-safe: it holds no state beyond the options.
/// </summary>
public sealed class LocalDocumentFolder
{
    private readonly LocalDocumentsOptions options;
    private readonly string root;
    private readonly string realRoot;

    public LocalDocumentFolder(IOptions<LocalDocumentsOptions> options)
    {
        this.options = options.Value;
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(this.options.Path));
        realRoot = SymbolicLinks.Resolve(root);
    }

    /// <summary>The folder's full path.</summary>
    public string Root => root;

    /// <summary>
    /// The locations of the supported, non-hidden files under the folder (recursively) that stay
    /// inside it, in ordinal order, at most <see cref="LocalDocumentsOptions.MaxFiles"/>;
    /// <paramref name="truncated"/> says whether files were left out by that limit.
    /// </summary>
    public IReadOnlyList<string> ListLocations(out bool truncated)
    {
        var enumeration = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true };
        var locations = Directory.EnumerateFiles(root, "*", enumeration)
            .Where(path => DocumentParsers.For(path) is not null && IsInside(SymbolicLinks.Resolve(path), realRoot))
            .Select(path => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .Take(options.MaxFiles + 1)
            .ToList();
        truncated = locations.Count > options.MaxFiles;
        return truncated ? locations[..options.MaxFiles] : locations;
    }

    /// <summary>
    /// Reads and parses the document at <paramref name="location"/>. Throws
    /// <see cref="SourceUnreadableException"/> when the location leaves the folder, does not exist,
    /// is not a supported format, exceeds <see cref="LocalDocumentsOptions.MaxFileBytes"/>, cannot be
    /// opened, or is not a readable document.
    /// </summary>
    public async Task<SourceDocument> ReadAsync(string location, CancellationToken cancellationToken)
    {
        var path = Resolve(location);
        var parser = DocumentParsers.For(path)
            ?? throw new SourceUnreadableException(location, $"'{Path.GetExtension(path)}' files are not supported");
        var file = new FileInfo(path);
        if (!file.Exists)
            throw new SourceUnreadableException(location, "no such document");
        if (file.Length > options.MaxFileBytes)
            throw new SourceUnreadableException(location,
                $"the file has {file.Length} bytes; at most {options.MaxFileBytes} are read (Research:Documents:MaxFileBytes)");

        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SourceUnreadableException(location, ex.Message);
        }
        var normalizedLocation = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
        return parser.Parse(normalizedLocation, content, FallbackTitle(path));
    }

    /// <summary>The full path of <paramref name="location"/>, checked to stay inside the folder after resolving links.</summary>
    private string Resolve(string location)
    {
        if (string.IsNullOrWhiteSpace(location) || location.Contains('\0'))
            throw new SourceUnreadableException(location, "the location is empty or malformed");
        if (Path.IsPathRooted(location) || location.StartsWith('/') || location.StartsWith('\\'))
            throw new SourceUnreadableException(location, "absolute paths are not accepted; locations are relative to the documents folder");

        var path = Path.GetFullPath(Path.Combine(root, location.Replace('/', Path.DirectorySeparatorChar)));
        if (!IsInside(path, root))
            throw new SourceUnreadableException(location, "the location leads outside the documents folder");
        try
        {
            if (!IsInside(SymbolicLinks.Resolve(path), realRoot))
                throw new SourceUnreadableException(location, "the location is a link that leads outside the documents folder");
        }
        catch (IOException ex)
        {
            throw new SourceUnreadableException(location, $"its links cannot be resolved ({ex.Message})");
        }
        return path;
    }

    private static bool IsInside(string path, string folder) =>
        path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>"getting-started.md" reads as "getting started", "asyncio-task.rst.txt" as "asyncio task".</summary>
    private static string FallbackTitle(string path)
    {
        var name = Path.GetFileName(path);
        var firstDot = name.IndexOf('.', 1);
        return (firstDot > 0 ? name[..firstDot] : name).Replace('-', ' ').Replace('_', ' ');
    }
}
