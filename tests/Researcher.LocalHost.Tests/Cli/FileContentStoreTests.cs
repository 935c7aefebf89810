using Researcher.LocalHost.Cli;

namespace Researcher.LocalHost.Tests.Cli;

public sealed class FileContentStoreTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("researcher-files-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task Text_is_stored_under_its_name_as_utf8_without_a_byte_order_mark()
    {
        var store = new FileContentStore(root);

        await store.PutTextAsync("r1/report.md", "# Über tides [1]", "text/markdown");

        Assert.Equal("# Über tides [1]", await store.GetTextAsync("r1/report.md"));
        var bytes = await File.ReadAllBytesAsync(Path.Combine(root, "r1", "report.md"));
        Assert.Equal((byte)'#', bytes[0]);
    }

    [Fact]
    public async Task Missing_content_reads_as_null()
    {
        Assert.Null(await new FileContentStore(root).GetTextAsync("r1/report.md"));
    }

    [Theory]
    [InlineData("../outside.md")]
    [InlineData("r1/../../outside.md")]
    [InlineData("/etc/passwd")]
    public async Task Names_that_leave_the_folder_are_refused(string name)
    {
        var store = new FileContentStore(root);

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutTextAsync(name, "x", "text/plain"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetTextAsync(name));
    }

    [Fact]
    public async Task A_reader_never_sees_a_half_written_file_while_the_same_name_is_rewritten()
    {
        // Two research branches that read the same source store it under the same name while a
        // third reads it: every read must return the whole content.
        var store = new FileContentStore(root);
        var content = new string('x', 256 * 1024);
        await store.PutTextAsync("r1/sources/a.json", content, "application/json");

        var writing = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++) await store.PutTextAsync("r1/sources/a.json", content, "application/json");
        })));
        var readLengths = new System.Collections.Concurrent.ConcurrentBag<int>();
        var reading = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!writing.IsCompleted) readLengths.Add((await store.GetTextAsync("r1/sources/a.json"))!.Length);
        })));
        await Task.WhenAll(writing, reading);

        Assert.All(readLengths, length => Assert.Equal(content.Length, length));
        Assert.Equal(["a.json"], Directory.GetFiles(Path.Combine(root, "r1", "sources")).Select(Path.GetFileName));
    }
}
