namespace Researcher.Quality;

/// <summary>
/// Compares document locations however they are rooted: separators are '/', and two paths match
/// when they are equal or one ends with the other at a folder boundary, so an absolute path, a
/// path relative to the documents folder and an expected source all compare as the same file.
/// </summary>
public static class SourcePaths
{
    public static bool Same(string location, string expected)
    {
        var (a, b) = (Normalize(location), Normalize(expected));
        return a == b || a.EndsWith('/' + b, StringComparison.Ordinal) || b.EndsWith('/' + a, StringComparison.Ordinal);
    }

    public static bool AnyExpected(IEnumerable<string> locations, IReadOnlyList<string> expected) =>
        locations.Any(location => expected.Any(e => Same(location, e)));

    /// <summary>The 1-based position of the first expected source in <paramref name="ranked"/>; null when none is there.</summary>
    public static int? FirstExpectedRank(IReadOnlyList<string> ranked, IReadOnlyList<string> expected)
    {
        for (var i = 0; i < ranked.Count; i++)
        {
            if (expected.Any(e => Same(ranked[i], e)))
                return i + 1;
        }
        return null;
    }

    private static string Normalize(string path)
    {
        var normalized = path.Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
            normalized = normalized[2..];
        return normalized;
    }
}
