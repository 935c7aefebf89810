using System.ComponentModel.DataAnnotations;

namespace Researcher.Core.Reading;

/// <summary>
/// The folder of documents the offline engine researches (Markdown, HTML, plain text and PDF files,
/// searched recursively; hidden files are skipped). Bound from <c>Research:Documents</c> and
/// validated at start-up: the folder must exist. Both hosts ship the repository's docs/ as
/// <see cref="DefaultFolder"/> beside the app.
/// </summary>
public sealed class LocalDocumentsOptions
{
    public const string SectionName = "Research:Documents";

    /// <summary>The folder researched when none is configured, relative to the app's folder.</summary>
    public const string DefaultFolder = "corpus";

    /// <summary>
    /// The folder; every location the engine reads or cites is relative to it. Empty means
    /// <see cref="DefaultFolder"/>; a relative path is relative to the app's folder, not the working
    /// directory, so the app finds its documents wherever it is started from.
    /// </summary>
    public string Path { get; set; } = "";

    /// <summary>The absolute folder <see cref="Path"/> names, relative paths taken from <paramref name="appFolder"/>.</summary>
    public string ResolvePath(string appFolder) =>
        System.IO.Path.GetFullPath(Path is { Length: > 0 } ? Path : DefaultFolder, appFolder);

    /// <summary>Most files indexed; beyond it, files are taken in path order and the rest ignored (with a warning).</summary>
    [Range(1, 1_000_000)]
    public int MaxFiles { get; set; } = 5_000;

    /// <summary>Largest file indexed or read, in bytes; larger files are skipped by the index and refused by the reader.</summary>
    [Range(1_024, 1_073_741_824)]
    public long MaxFileBytes { get; set; } = 5 * 1024 * 1024;
}
