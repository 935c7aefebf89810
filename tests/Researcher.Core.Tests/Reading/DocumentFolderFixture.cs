using Microsoft.Extensions.Options;
using Researcher.Core.Reading;

namespace Researcher.Core.Tests.Reading;

/// <summary>A documents folder the test writes itself, in a fresh temporary directory deleted afterwards.</summary>
public sealed class DocumentFolderFixture : IDisposable
{
    private readonly DirectoryInfo parent = Directory.CreateTempSubdirectory("researcher-docs-");

    public DocumentFolderFixture() => Root = Directory.CreateDirectory(Path.Combine(parent.FullName, "docs")).FullName;

    /// <summary>The documents folder (it has a sibling, <see cref="Outside"/>, for escape tests).</summary>
    public string Root { get; }

    /// <summary>A folder next to the documents folder, outside it.</summary>
    public string Outside => Directory.CreateDirectory(Path.Combine(parent.FullName, "outside")).FullName;

    public DocumentFolderFixture Write(string location, string content)
    {
        var path = PathOf(location);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public DocumentFolderFixture WriteBytes(string location, byte[] content)
    {
        var path = PathOf(location);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return this;
    }

    public string PathOf(string location) => Path.Combine(Root, location.Replace('/', Path.DirectorySeparatorChar));

    public LocalDocumentFolder Folder(long maxFileBytes = 5 * 1024 * 1024, int maxFiles = 5_000) =>
        new(Options.Create(new LocalDocumentsOptions { Path = Root, MaxFileBytes = maxFileBytes, MaxFiles = maxFiles }));

    public void Dispose() => parent.Delete(recursive: true);
}
