using Azure.Storage.Blobs;
using Researcher.Core.Storage;
using Researcher.Testing;

namespace Researcher.Core.Tests.Storage;

[Collection(AzuriteFixture.CollectionName)]
public class BlobContentStoreTests(AzuriteFixture azurite)
{
    private readonly BlobContainerClient container = new(azurite.ConnectionString, AzuriteFixture.NewContainerName("content"));

    private BlobContentStore Store() => new(container);

    [Fact]
    public async Task Stored_text_reads_back_with_its_content_type()
    {
        var store = Store();

        await store.PutTextAsync("r1/report.md", "# Report\n\nÜber tides [1].", "text/markdown; charset=utf-8");

        Assert.Equal("# Report\n\nÜber tides [1].", await store.GetTextAsync("r1/report.md"));
        var properties = await container.GetBlobClient("r1/report.md").GetPropertiesAsync();
        Assert.Equal("text/markdown; charset=utf-8", properties.Value.ContentType);
    }

    [Fact]
    public async Task Missing_content_reads_as_null_even_before_the_container_exists()
    {
        Assert.Null(await Store().GetTextAsync("r1/report.md"));

        var store = Store();
        await store.PutTextAsync("r1/other.md", "x", "text/plain");
        Assert.Null(await store.GetTextAsync("r1/report.md"));
    }

    [Fact]
    public async Task Writing_the_same_name_again_overwrites()
    {
        var store = Store();

        await store.PutTextAsync("r1/passages/q0.json", "first", "application/json");
        await store.PutTextAsync("r1/passages/q0.json", "second", "application/json");

        Assert.Equal("second", await store.GetTextAsync("r1/passages/q0.json"));
    }

    [Fact]
    public async Task Json_round_trips_and_a_missing_name_throws_naming_it()
    {
        var store = Store();
        var value = new StoredValue("tides", [1, 2, 3]);

        await store.PutJsonAsync("r1/value.json", value);

        var read = await store.GetJsonAsync<StoredValue>("r1/value.json");
        Assert.Equal(value.Name, read.Name);
        Assert.Equal(value.Numbers, read.Numbers);
        var missing = await Assert.ThrowsAsync<MissingContentException>(() => store.GetJsonAsync<StoredValue>("r1/absent.json"));
        Assert.Equal("r1/absent.json", missing.Name);
    }

    private sealed record StoredValue(string Name, IReadOnlyList<int> Numbers);
}
