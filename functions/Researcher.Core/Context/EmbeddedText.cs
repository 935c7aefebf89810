namespace Researcher.Core.Context;

/// <summary>
/// What is embedded for a text taken from a document: the document's title and the section heading
/// above it, then the text, as a reader meets it. A passage or sentence often leaves its subject to
/// its headings ("For example: use sha256() to create a SHA-256 hash object." under "hashlib —
/// Secure hashes and message digests"), so its embedding says what it is about only with them.
/// The writer's sentences and the planner's topics are embedded so. The index's passages are not:
/// embedded under their headings, they ranked worse on the Python docs (BENCHMARKS.md).
/// </summary>
internal static class EmbeddedText
{
    public static string Of(string title, string? section, string text)
    {
        var heading = string.IsNullOrWhiteSpace(section) || title.Contains(section, StringComparison.OrdinalIgnoreCase)
            ? title
            : $"{title}: {section}";
        return string.IsNullOrWhiteSpace(heading) ? text : $"{heading}. {text}";
    }
}
