using System.Text;
using Researcher.Core.Storage;

namespace Researcher.LocalHost.Cli;

/// <summary>
/// The content store on a local folder: a content name is a relative path under the root (so the
/// report of research <c>R</c> is <c>R/report.md</c>). Names that would leave the root are refused.
/// The content type is not kept: files are UTF-8 text (no byte-order mark) whose extension says what they hold.
/// A write goes to a temporary file that is then renamed over the target, so a concurrent reader (two
/// branches reading the same source) sees the old content or the new, never a half-written file.
/// </summary>
public sealed class FileContentStore(string rootDirectory) : IContentStore
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string root = Path.GetFullPath(rootDirectory);

    public string PathOf(string name)
    {
        var path = Path.GetFullPath(Path.Combine(root, name));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"The content name '{name}' points outside {root}.", nameof(name));
        return path;
    }

    public async Task PutTextAsync(string name, string content, string contentType, CancellationToken cancellationToken = default)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllTextAsync(temporary, content, Utf8WithoutBom, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public async Task<string?> GetTextAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(name);
        return File.Exists(path) ? await File.ReadAllTextAsync(path, Utf8WithoutBom, cancellationToken) : null;
    }
}
