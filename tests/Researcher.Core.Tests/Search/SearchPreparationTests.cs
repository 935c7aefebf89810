using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Researcher.Core.Search;
using Researcher.Core.Search.Web;
using Researcher.Core.Tests.Reading;

namespace Researcher.Core.Tests.Search;

/// <summary>
/// The PrepareSources step's question to the search: whether it can search now, after waiting at
/// most the progress interval (on a fake clock the test advances) for an index being built.
/// </summary>
public sealed class SearchPreparationTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider time = new();
    private readonly DocumentFolderFixture documents = new();

    public void Dispose() => documents.Dispose();

    private SearchPreparation Preparation(ISearchProvider search) =>
        new(search, Options.Create(new DocumentIndexOptions { ProgressInterval = Interval }), time);

    [Fact]
    public async Task A_search_that_needs_no_preparing_is_ready_at_once()
    {
        var waiting = Preparation(new PreparedSearch()).WaitAsync(CancellationToken.None);

        Assert.True(waiting.IsCompletedSuccessfully);
        Assert.True((await waiting).IsSearchable);
    }

    [Fact]
    public async Task An_index_already_searchable_is_ready_at_once_without_waiting_on_the_clock()
    {
        var index = new GatedIndex();
        index.Searchable.SetResult();

        var waiting = Preparation(index).WaitAsync(CancellationToken.None);

        Assert.True(waiting.IsCompletedSuccessfully);
        Assert.True((await waiting).IsSearchable);
    }

    [Fact]
    public async Task An_index_being_built_says_how_far_it_is_once_the_interval_has_passed()
    {
        var index = new GatedIndex { Progress = new IndexProgress(IndexPhase.Reading, 340, 1_100) };

        var waiting = Preparation(index).WaitAsync(CancellationToken.None);
        time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(new IndexProgress(IndexPhase.Reading, 340, 1_100), await waiting);
    }

    [Fact]
    public async Task An_index_that_becomes_searchable_during_the_wait_is_ready_then()
    {
        var index = new GatedIndex { Progress = new IndexProgress(IndexPhase.Writing, 0, 1) };

        var waiting = Preparation(index).WaitAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        index.Searchable.SetResult();

        Assert.True((await waiting).IsSearchable);
    }

    [Fact]
    public async Task A_build_that_fails_during_the_wait_fails_the_question_with_its_error()
    {
        var index = new GatedIndex { Progress = new IndexProgress(IndexPhase.Reading, 3, 10) };

        var waiting = Preparation(index).WaitAsync(CancellationToken.None);
        index.Searchable.SetException(new IOException("the folder went away"));

        var failure = await Assert.ThrowsAsync<IOException>(() => waiting);
        Assert.Equal("the folder went away", failure.Message);
    }

    [Fact]
    public async Task The_local_index_of_a_folder_that_cannot_be_listed_fails_the_question_as_its_search_would()
    {
        documents.Write("tides.md", "# Tides\n\nThe moon pulls the sea.\n");
        using var index = new LocalDocumentIndex(documents.Folder(), Options.Create(new LocalSearchOptions()), NullLogger<LocalDocumentIndex>.Instance);
        Directory.Delete(documents.Root, recursive: true);

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Preparation(index).WaitAsync(CancellationToken.None));
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => index.SearchAsync("moon", 5, CancellationToken.None));
    }

    [Fact]
    public async Task The_local_index_is_built_by_the_question_and_then_ready_at_once()
    {
        documents.Write("tides.md", "# Tides\n\nThe moon pulls the sea.\n");
        using var index = new LocalDocumentIndex(documents.Folder(), Options.Create(new LocalSearchOptions()), NullLogger<LocalDocumentIndex>.Instance);
        var preparation = Preparation(index);

        // The clock never moves: the first question waits for the build itself, however long it takes.
        Assert.True((await preparation.WaitAsync(CancellationToken.None)).IsSearchable);
        var again = preparation.WaitAsync(CancellationToken.None);

        Assert.True(again.IsCompletedSuccessfully);
        Assert.Equal("tides.md", Assert.Single(await index.SearchAsync("moon", 5, CancellationToken.None)).Location);
    }

    [Fact]
    public async Task A_hybrid_search_reports_its_index_being_built_and_is_ready_once_it_failed_since_its_search_leaves_it_out()
    {
        var index = new GatedIndex { Progress = new IndexProgress(IndexPhase.Reading, 1, 4) };
        var hybrid = new HybridSearchProvider([new PreparedSearch(), index]);

        var building = Preparation(hybrid).WaitAsync(CancellationToken.None);
        time.Advance(Interval);
        Assert.Equal(new IndexProgress(IndexPhase.Reading, 1, 4), await building);

        var waiting = Preparation(hybrid).WaitAsync(CancellationToken.None);
        index.Searchable.SetException(new IOException("the folder went away"));
        Assert.True((await waiting).IsSearchable);
    }

    /// <summary>A search that needs no preparing, as a web search API.</summary>
    private sealed class PreparedSearch : ISearchProvider
    {
        public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SearchHit>>([]);
    }

    /// <summary>An index whose build the test ends (<see cref="Searchable"/>), reporting the progress the test sets.</summary>
    private sealed class GatedIndex : ISearchProvider, ISearchReadiness
    {
        public TaskCompletionSource Searchable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IndexProgress Progress { get; init; } = new(IndexPhase.NotStarted, 0, 0);

        public Task WhenSearchableAsync(CancellationToken cancellationToken) => Searchable.Task.WaitAsync(cancellationToken);

        public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SearchHit>>([]);
    }
}
