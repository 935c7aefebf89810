using System.ComponentModel.DataAnnotations;

namespace Researcher.Core.Search;

/// <summary>
/// Where the document index is kept between runs. Bound from <c>Research:Index</c>. Each documents
/// folder has its own index under <see cref="Path"/>, which the CLI and both hosts share: built
/// once, then refreshed for the files added, changed or removed since.
/// </summary>
public sealed class DocumentIndexOptions
{
    public const string SectionName = "Research:Index";

    /// <summary>
    /// The folder indexes are kept in. Empty means <see cref="DefaultPath"/>: the user's local
    /// application data folder (~/.local/share/Researcher/indexes on Linux), or the temporary folder
    /// when there is none. A relative path is relative to the app's folder.
    /// </summary>
    public string Path { get; set; } = "";

    /// <summary>
    /// Whether the index is kept on disk (true by default). False builds it in memory on every
    /// start, as before indexes were kept.
    /// </summary>
    public bool Persist { get; set; } = true;

    /// <summary>
    /// Whether building an index also deletes the indexes, under <see cref="Path"/>, of documents
    /// folders that no longer exist (true by default), so researches over short-lived folders do not
    /// fill the disk. A folder that is only unmounted loses its index too, and is indexed again when
    /// it returns; false keeps every index.
    /// </summary>
    public bool RemoveMissingFolders { get; set; } = true;

    /// <summary>
    /// How long a research waits, in one step, for the index to become searchable before it records
    /// how far the build is and asks again (2 s by default; 0.1 s to 30 s): the first research over a
    /// folder shows the build's progress in its log instead of a silent pause. An index already
    /// built answers at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The folder <see cref="Path"/> names, relative paths taken from <paramref name="appFolder"/>.</summary>
    public string ResolvePath(string appFolder) => Path is { Length: > 0 }
        ? System.IO.Path.GetFullPath(Path, appFolder)
        : DefaultPath;

    /// <summary>The folder indexes are kept in when <see cref="Path"/> is empty.</summary>
    public static string DefaultPath
    {
        get
        {
            var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return System.IO.Path.Combine(data is { Length: > 0 } ? data : System.IO.Path.GetTempPath(), "Researcher", "indexes");
        }
    }
}
