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
    public async Task<SourceDocument> ReadAsync(string location, CancellationToken cancellationToken) =>
        (await ReadFileAsync(location, cancellationToken)).Parse();

    /// <summary>
    /// Reads the bytes of the document at <paramref name="location"/>, to be parsed by the caller
    /// (the index parses only what its cache does not hold). Throws as <see cref="ReadAsync"/> does.
    /// </summary>
    public async Task<DocumentFile> ReadFileAsync(string location, CancellationToken cancellationToken)
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
        return new DocumentFile(normalizedLocation, content, parser, FallbackTitle(path));
    }

    /// <summary>
    /// The size and last write time of the file at <paramref name="location"/> (one of
    /// <see cref="ListLocations"/>), which tell the index whether it changed since it was indexed;
    /// null when it is gone.
    /// </summary>
    public FileStamp? Stamp(string location)
    {
        var file = new FileInfo(Path.Combine(root, location.Replace('/', Path.DirectorySeparatorChar)));
        return file.Exists ? new FileStamp(file.Length, file.LastWriteTimeUtc.Ticks) : null;
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

/// <summary>A file's size and last write time (UTC ticks).</summary>
public readonly record struct FileStamp(long Length, long LastWriteTicks);

/// <summary>A document's bytes as read from the folder, with the parser its format takes.</summary>
public sealed class DocumentFile
{
    private readonly IDocumentParser parser;
    private readonly string fallbackTitle;

    internal DocumentFile(string location, byte[] content, IDocumentParser parser, string fallbackTitle)
    {
        Location = location;
        Content = content;
        this.parser = parser;
        this.fallbackTitle = fallbackTitle;
    }

    /// <summary>The location, relative to the folder with '/' separators.</summary>
    public string Location { get; }

    public byte[] Content { get; }

    /// <summary>Parses the content; throws <see cref="SourceUnreadableException"/> when it is not a readable document.</summary>
    public SourceDocument Parse() => parser.Parse(Location, Content, fallbackTitle);
}
