namespace Researcher.Core.Reading;

/// <summary>Resolves symbolic links in a path, so that where a path really leads can be checked.</summary>
internal static class SymbolicLinks
{
    /// <summary>
    /// <paramref name="fullPath"/> with every symbolic link along it (directories and the file)
    /// replaced by its final target. Components that do not exist are kept as they are. Throws
    /// <see cref="IOException"/> for a link cycle.
    /// </summary>
    public static string Resolve(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath) ?? "";
        var current = root;
        foreach (var part in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo entry = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (entry.LinkTarget is not null && entry.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                next = Resolve(Path.GetFullPath(target.FullName));
            current = next;
        }
        return current;
    }
}
