using Researcher.Core.Embeddings;

namespace Researcher.Core.Tests.Embeddings;

public sealed class VectorFileTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("researcher-vectors-");

    public void Dispose() => folder.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(folder.FullName, name);

    /// <summary>A file v.bin of model-a holding keys 1 and 2 with two-dimensional vectors.</summary>
    private VectorFile TwoVectors()
    {
        var file = new VectorFile(PathOf("v.bin"), "model-a");
        using var appender = file.OpenForAppend(0, 2);
        appender.Append(1, [1, 1]);
        appender.Append(2, [2, 2]);
        return file;
    }

    [Fact]
    public void Vectors_appended_are_read_back_by_key()
    {
        var file = new VectorFile(PathOf("v.bin"), "model-a");
        using (var appender = file.OpenForAppend(0, 3))
        {
            appender.Append(1, [1, 2, 3]);
            appender.Append(2, [4, 5, 6]);
        }

        var read = file.Read(out var length);

        Assert.Equal([1f, 2f, 3f], read[1]);
        Assert.Equal([4f, 5f, 6f], read[2]);
        Assert.Equal(new FileInfo(PathOf("v.bin")).Length, length);
    }

    [Fact]
    public void A_record_cut_short_is_dropped_and_the_next_append_writes_over_it()
    {
        var file = TwoVectors();
        using (var stream = new FileStream(PathOf("v.bin"), FileMode.Open))
            stream.SetLength(stream.Length - 3);

        var survivors = file.Read(out var validLength);
        using (var appender = file.OpenForAppend(validLength, 2))
            appender.Append(3, [3, 3]);

        Assert.Equal([1UL], survivors.Keys.Select(k => (ulong)k));
        Assert.Equal([1UL, 3UL], file.Read(out _).Keys.Select(k => (ulong)k).Order());
    }

    [Fact]
    public void A_damaged_record_ends_what_is_read()
    {
        var file = TwoVectors();
        var bytes = File.ReadAllBytes(PathOf("v.bin"));
        bytes[^6] ^= 0xFF;
        File.WriteAllBytes(PathOf("v.bin"), bytes);

        Assert.Equal([1UL], file.Read(out _).Keys.Select(k => (ulong)k));
    }

    [Fact]
    public void A_file_of_another_model_is_not_read()
    {
        using (var appender = new VectorFile(PathOf("v.bin"), "model-a").OpenForAppend(0, 2))
            appender.Append(1, [1, 1]);

        var read = new VectorFile(PathOf("v.bin"), "model-b").Read(out var validLength);

        Assert.Empty(read);
        Assert.Equal(0, validLength);
    }

    [Fact]
    public void A_rewrite_keeps_only_the_vectors_given()
    {
        var file = new VectorFile(PathOf("v.bin"), "model-a");
        using (var appender = file.OpenForAppend(0, 1))
            for (var key = 1; key <= 5; key++) appender.Append((UInt128)key, [key]);

        file.Rewrite(file.Read(out _).Where(pair => pair.Key > 3), 1);

        Assert.Equal([4UL, 5UL], file.Read(out _).Keys.Select(k => (ulong)k).Order());
    }
}
