using Researcher.Core.Reading;

namespace Researcher.Core.Tests.Reading;

public sealed class LocalDocumentsOptionsTests
{
    private static readonly string AppFolder = Path.Combine(Path.GetTempPath(), "researcher-app");

    [Fact]
    public void No_configured_path_means_the_corpus_shipped_beside_the_app()
    {
        Assert.Equal(Path.Combine(AppFolder, "corpus"), new LocalDocumentsOptions().ResolvePath(AppFolder));
    }

    [Fact]
    public void A_relative_path_is_taken_from_the_app_folder_not_the_working_directory()
    {
        var options = new LocalDocumentsOptions { Path = "../shared-docs" };

        Assert.Equal(Path.Combine(Path.GetTempPath(), "shared-docs"), options.ResolvePath(AppFolder));
    }

    [Fact]
    public void An_absolute_path_is_kept()
    {
        var folder = Path.Combine(Path.GetTempPath(), "my-docs");

        Assert.Equal(folder, new LocalDocumentsOptions { Path = folder }.ResolvePath(AppFolder));
    }
}
