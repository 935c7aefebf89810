using Microsoft.Extensions.Logging;
using Researcher.Core.Search;
using Researcher.Core.Search.Web;

namespace Researcher.Core.Tests.Search.Web;

public sealed class HybridSearchProviderTests
{
    /// <summary>A provider that answers with fixed locations, best first, or fails.</summary>
    private sealed class FixedProvider(IEnumerable<string>? locations = null, Exception? failure = null) : ISearchProvider
    {
        public int Calls { get; private set; }

        public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken)
        {
            Calls++;
            if (failure is not null) return Task.FromException<IReadOnlyList<SearchHit>>(failure);
            IReadOnlyList<SearchHit> hits = (locations ?? [])
                .Select((location, rank) => new SearchHit(location, $"Title of {location}", null, 100 - rank, $"snippet {rank}"))
                .Take(maxResults)
                .ToList();
            return Task.FromResult(hits);
        }
    }

    [Fact]
    public async Task Results_are_merged_by_reciprocal_rank_fusion()
    {
        var first = new FixedProvider(["https://a.example/", "https://b.example/", "https://c.example/"]);
        var second = new FixedProvider(["https://c.example", "https://b.example/", "https://d.example/"]);
        var hybrid = new HybridSearchProvider([first, second]);

        var hits = await hybrid.SearchAsync("question", 10, CancellationToken.None);

        // b: 1/62 + 1/62; c: 1/63 + 1/61; a: 1/61; d: 1/63.
        // c keeps the second provider's hit (rank 1 there), spelled without the trailing slash.
        Assert.Equal(["https://c.example", "https://b.example/", "https://a.example/", "https://d.example/"], hits.Select(hit => hit.Location));
        Assert.Equal(1.0 / 63 + 1.0 / 61, hits[0].Score, 12);
        Assert.Equal(2.0 / 62, hits[1].Score, 12);
        Assert.Equal(1.0 / 61, hits[2].Score, 12);
        Assert.Equal("snippet 0", hits[0].Snippet);
        Assert.All(hits.Zip(hits.Skip(1)), pair => Assert.True(pair.First.Score >= pair.Second.Score));
    }

    [Fact]
    public async Task The_hit_kept_for_a_location_is_the_one_ranked_best()
    {
        var first = new FixedProvider(["https://a.example/", "https://b.example/"]);
        var second = new FixedProvider(["https://b.example/page"]);
        var third = new FixedProvider(["https://b.example/"]);
        var hybrid = new HybridSearchProvider([first, second, third]);

        var hits = await hybrid.SearchAsync("question", 10, CancellationToken.None);

        var b = Assert.Single(hits, hit => hit.Location == "https://b.example/");
        Assert.Equal("snippet 0", b.Snippet);
    }

    [Fact]
    public async Task At_most_max_results_are_returned_and_each_provider_is_asked_for_that_many()
    {
        var first = new FixedProvider(["https://a.example/", "https://b.example/", "https://c.example/"]);
        var second = new FixedProvider(["https://d.example/", "https://e.example/"]);
        var hybrid = new HybridSearchProvider([first, second]);

        var hits = await hybrid.SearchAsync("question", 2, CancellationToken.None);

        Assert.Equal(["https://a.example/", "https://d.example/"], hits.Select(hit => hit.Location));
    }

    [Fact]
    public async Task A_failing_provider_is_skipped_and_reported()
    {
        var failure = new SearchProviderException("Brave", "rate limited", System.Net.HttpStatusCode.TooManyRequests, TimeSpan.FromSeconds(7));
        var failing = new FixedProvider(failure: failure);
        var working = new FixedProvider(["https://a.example/", "https://b.example/"]);
        var reported = new List<(ISearchProvider Provider, Exception Failure)>();
        var logger = new RecordingLogger<HybridSearchProvider>();
        var hybrid = new HybridSearchProvider([failing, working], logger, (provider, exception) => reported.Add((provider, exception)));

        var hits = await hybrid.SearchAsync("question", 5, CancellationToken.None);

        Assert.Equal(["https://a.example/", "https://b.example/"], hits.Select(hit => hit.Location));
        var report = Assert.Single(reported);
        Assert.Same(failing, report.Provider);
        Assert.Same(failure, report.Failure);
        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains("rate limited"));
    }

    [Fact]
    public async Task When_every_provider_fails_the_first_failure_is_rethrown()
    {
        var firstFailure = new SearchProviderException("Tavily", "the API had a server error", System.Net.HttpStatusCode.InternalServerError);
        var hybrid = new HybridSearchProvider([
            new FixedProvider(failure: firstFailure),
            new FixedProvider(failure: new InvalidOperationException("second")),
        ]);

        var thrown = await Assert.ThrowsAsync<SearchProviderException>(() => hybrid.SearchAsync("question", 5, CancellationToken.None));

        Assert.Same(firstFailure, thrown);
    }

    [Fact]
    public async Task Cancellation_is_not_swallowed_as_a_provider_failure()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var cancelled = new FixedProvider(failure: new OperationCanceledException(cancellation.Token));
        var hybrid = new HybridSearchProvider([cancelled, new FixedProvider(["https://a.example/"])]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hybrid.SearchAsync("question", 5, cancellation.Token));
    }
}
