using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Researcher.Core.Reading;

namespace Researcher.Core.Search;

/// <summary>What a built index holds, and of which files: the fast path compares it with the folder.</summary>
/// <param name="Settings">Everything the built index depends on beside the files (parser version, passage size, model, ...).</param>
/// <param name="Files">Every file listed when it was built, with its stamp; <see cref="IndexedFile.ParsedKey"/> is null for a file that could not be read.</param>
/// <param name="RepeatedParagraphs">The paragraphs repeated across the folder that were left out of every document (<see cref="RepeatedBlocks"/>), most repeated first.</param>
internal sealed record IndexManifest(
    int Format, string Settings, string Snapshot, IReadOnlyList<IndexedFile> Files, int Documents, int Sections, int Passages, string? ModelId,
    IReadOnlyList<string> RepeatedParagraphs);

/// <summary>A file as the index saw it: its stamp and the key of its parsed form in the parse cache.</summary>
internal sealed record IndexedFile(string Location, long Length, long LastWriteTicks, string? ParsedKey);

/// <summary>A passage of the index for dense retrieval: the section (Lucene document) it belongs to and its text's key in the vector file.</summary>
internal readonly record struct IndexedPassage(int Section, UInt128 Key);

/// <summary>
/// The folder on disk where one documents folder's index is kept (under <see cref="DocumentIndexOptions.Path"/>,
/// named after the documents folder and a hash of its full path):
/// <list type="bullet">
/// <item><c>parsed/</c>: each file's parsed form (JSON), by a hash of its location, bytes and the
/// parsers' version, written as the build parses it, so a build that stops resumes;</item>
/// <item><c>vectors-MODEL.bin</c>: the passages' embeddings by content hash (<see cref="Embeddings.VectorFile"/>);</item>
/// <item><c>snapshot-*/</c>: one built index (the Lucene index, the passages of each section, the
/// manifest), never changed once written; <c>current</c> names the one in use and is replaced in
/// one rename, so a reader sees the old snapshot or the new one, never half of one;</item>
/// <item><c>lock</c>: held by the one process that builds (others wait for it, then use its snapshot).</item>
/// </list>
/// </summary>
internal sealed class IndexFolder
{
    public const int Format = 2;
    private const string CurrentFile = "current";
    private const string ManifestFile = "manifest.json";
    private const string PassagesFile = "passages.bin";
    private const string DocumentsFile = "documents";

    /// <summary>A passage's record in <see cref="PassagesFile"/>: its section id (4 bytes) and its text's key (16).</summary>
    private const int PassageRecordBytes = 4 + 16;
    private static readonly TimeSpan LockRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan WaitingNotice = TimeSpan.FromSeconds(10);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string documentsRoot;

    public IndexFolder(string indexesRoot, string documentsRoot)
    {
        this.documentsRoot = documentsRoot;
        var name = FileNameOf(System.IO.Path.GetFileName(documentsRoot));
        var hash = Convert.ToHexStringLower(XxHash64.Hash(Encoding.UTF8.GetBytes(documentsRoot)));
        Path = System.IO.Path.Combine(indexesRoot, $"{name}-{hash}");
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    public string ParsedFolder => System.IO.Path.Combine(Path, "parsed");

    public string VectorFilePath(string modelId) =>
        System.IO.Path.Combine(Path, $"vectors-{FileNameOf(modelId)}.bin");

    /// <summary><paramref name="text"/> with every character but ASCII letters, digits, '-' and '.' replaced by '-', safe in a file name on every system.</summary>
    private static string FileNameOf(string text) =>
        new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray());

    public string LuceneFolder(string snapshot) => System.IO.Path.Combine(Path, snapshot, "lucene");

    /// <summary>The manifest of the snapshot in use; null when there is none or it cannot be read (it is then rebuilt).</summary>
    public IndexManifest? ReadCurrent()
    {
        try
        {
            var snapshot = File.ReadAllText(System.IO.Path.Combine(Path, CurrentFile)).Trim();
            var manifest = JsonSerializer.Deserialize<IndexManifest>(File.ReadAllText(System.IO.Path.Combine(Path, snapshot, ManifestFile)), Json);
            return manifest is { Format: Format } && manifest.Snapshot == snapshot ? manifest : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The passages of <paramref name="snapshot"/>, in the order written.</summary>
    public IReadOnlyList<IndexedPassage> ReadPassages(string snapshot)
    {
        var bytes = File.ReadAllBytes(System.IO.Path.Combine(Path, snapshot, PassagesFile));
        var passages = new IndexedPassage[bytes.Length / PassageRecordBytes];
        for (var i = 0; i < passages.Length; i++)
        {
            var record = bytes.AsSpan(i * PassageRecordBytes, PassageRecordBytes);
            passages[i] = new IndexedPassage(BinaryPrimitives.ReadInt32LittleEndian(record), BinaryPrimitives.ReadUInt128LittleEndian(record[4..]));
        }
        return passages;
    }

    /// <summary>A name for a new snapshot, unique in this folder.</summary>
    public static string NewSnapshotName() => $"snapshot-{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Writes the passages and the manifest of a snapshot whose Lucene index is already in
    /// <see cref="LuceneFolder"/>, makes it the one in use, and deletes the snapshots before it and
    /// the parsed files it no longer names (what cannot be deleted now, a file another process still
    /// holds open on Windows, goes at the next build).
    /// </summary>
    public void Publish(IndexManifest manifest, IReadOnlyList<IndexedPassage> passages)
    {
        var folder = System.IO.Path.Combine(Path, manifest.Snapshot);
        var bytes = new byte[passages.Count * PassageRecordBytes];
        for (var i = 0; i < passages.Count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * PassageRecordBytes), passages[i].Section);
            BinaryPrimitives.WriteUInt128LittleEndian(bytes.AsSpan(i * PassageRecordBytes + 4), passages[i].Key);
        }
        File.WriteAllBytes(System.IO.Path.Combine(folder, PassagesFile), bytes);
        File.WriteAllText(System.IO.Path.Combine(Path, DocumentsFile), documentsRoot);
        File.WriteAllText(System.IO.Path.Combine(folder, ManifestFile), JsonSerializer.Serialize(manifest, Json));

        var current = System.IO.Path.Combine(Path, CurrentFile);
        File.WriteAllText(current + ".new", manifest.Snapshot);
        File.Move(current + ".new", current, overwrite: true);

        foreach (var old in Directory.EnumerateDirectories(Path, "snapshot-*").Where(d => System.IO.Path.GetFileName(d) != manifest.Snapshot))
            TryDelete(() => Directory.Delete(old, recursive: true));
        var named = manifest.Files.Select(f => f.ParsedKey).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (Directory.Exists(ParsedFolder))
            foreach (var parsed in Directory.EnumerateFiles(ParsedFolder, "*.json").Where(f => !named.Contains(System.IO.Path.GetFileNameWithoutExtension(f))))
                TryDelete(() => File.Delete(parsed));
    }

    /// <summary>
    /// Deletes the other indexes beside this one whose documents folder (as their <c>documents</c>
    /// file names it) no longer exists; returns how many went. An index in use by another process is
    /// skipped while it holds a lock, and any it cannot delete now stays for the next build.
    /// </summary>
    public int RemoveIndexesOfMissingFolders()
    {
        var root = System.IO.Path.GetDirectoryName(Path);
        if (root is null || !Directory.Exists(root)) return 0;
        var removed = 0;
        foreach (var other in Directory.EnumerateDirectories(root).Where(d => d != Path))
        {
            var named = System.IO.Path.Combine(other, DocumentsFile);
            string documents;
            try
            {
                if (!File.Exists(named)) continue;
                documents = File.ReadAllText(named);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (documents.Length == 0 || Directory.Exists(documents) || IsLocked(other)) continue;
            TryDelete(() => Directory.Delete(other, recursive: true));
            if (!Directory.Exists(other)) removed++;
        }
        return removed;
    }

    private static string LockFile(IndexLock which) => which == IndexLock.Build ? "lock" : "embedding.lock";

    /// <summary>Whether a process holds one of the locks of the index in <paramref name="folder"/>.</summary>
    private static bool IsLocked(string folder)
    {
        foreach (var which in Enum.GetValues<IndexLock>())
        {
            var path = System.IO.Path.Combine(folder, LockFile(which));
            if (!File.Exists(path)) continue;
            try
            {
                using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The key of a file's parsed form: its location, its bytes and the parsers' version (a parser change parses every file again).</summary>
    public static string ParsedKey(DocumentFile file)
    {
        var hash = new XxHash128();
        hash.Append(BitConverter.GetBytes(DocumentParsers.OutputVersion));
        hash.Append(Encoding.UTF8.GetBytes(file.Location + "\0"));
        hash.Append(file.Content);
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    /// <summary>The parsed form of the file with <paramref name="key"/>, or null when it is not cached (or unreadable).</summary>
    public SourceDocument? ReadParsed(string key)
    {
        try
        {
            return JsonSerializer.Deserialize<SourceDocument>(File.ReadAllBytes(System.IO.Path.Combine(ParsedFolder, key + ".json")), Json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    public void WriteParsed(string key, SourceDocument document)
    {
        Directory.CreateDirectory(ParsedFolder);
        var path = System.IO.Path.Combine(ParsedFolder, key + ".json");
        File.WriteAllBytes(path + ".new", JsonSerializer.SerializeToUtf8Bytes(document, Json));
        File.Move(path + ".new", path, overwrite: true);
    }

    /// <summary>
    /// Takes one of the folder's locks, waiting while another process holds it (it is building this
    /// index, or embedding its passages, and its work is then used). A lock is an open file with no
    /// sharing, which the operating system releases if the process dies.
    /// </summary>
    public async Task<IDisposable> LockAsync(IndexLock which, ILogger logger, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path);
        var path = System.IO.Path.Combine(Path, LockFile(which));
        var waitingSince = DateTime.UtcNow;
        var noticed = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (!cancellationToken.IsCancellationRequested)
            {
                if (!noticed && DateTime.UtcNow - waitingSince > WaitingNotice)
                {
                    logger.LogInformation(which == IndexLock.Build
                        ? "Waiting for another process to finish building the index in {IndexFolder}."
                        : "Waiting for another process to finish embedding the passages of the index in {IndexFolder}.", Path);
                    noticed = true;
                }
                await Task.Delay(LockRetry, cancellationToken);
            }
        }
    }

    private static void TryDelete(Action delete)
    {
        try
        {
            delete();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // In use by another process: the next build deletes it.
        }
    }
}

/// <summary>
/// The two locks of an index folder: <see cref="Build"/> is held while a snapshot is made (parsing and
/// the search index, seconds), <see cref="Embedding"/> while the vector file is appended to (minutes for
/// a large folder), so a second process can search the new snapshot while the first one embeds.
/// </summary>
internal enum IndexLock
{
    Build,
    Embedding,
}
