using Microsoft.Extensions.DependencyInjection;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Search;
using Researcher.LocalHost.Tests.Support;
using Researcher.Testing;

namespace Researcher.LocalHost.Tests.Http;

/// <summary>
/// The local host's log shows an index being built as a step of the research, before planning.
/// The build is held by the test (a gate on the host's search), not timed: the host's own index
/// build at start-up may well be done before the research starts.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class IndexProgressTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan EventPollingInterval = TimeSpan.FromMilliseconds(100);

    private readonly TestCorpus corpus = new();
    private readonly GatedSearch gate = new();
    private LocalHostServer server = null!;

    public async Task InitializeAsync() => server = await LocalHostServer.StartAsync(azurite, corpus.Root,
        new Dictionary<string, string?> { ["Research:Index:ProgressInterval"] = "00:00:00.100" },
        services => services.Decorate<ISearchProvider>(search => gate.Over(search)));

    public async Task DisposeAsync()
    {
        gate.Open();
        await server.DisposeAsync();
        corpus.Dispose();
    }

    [Fact]
    public async Task A_research_records_the_index_build_before_planning_and_completes_once_it_is_built()
    {
        var researchId = await server.StartResearchAsync(TestCorpus.Question);

        var building = await FirstEventAsync(researchId, e => e.Step == "index");
        gate.Open();
        var status = await server.WaitForEndAsync(researchId);

        Assert.Equal(ProgressEventType.StepStarted, building.Type);
        Assert.Equal("Indexing the documents: 2 of 5 files read", building.Message);
        Assert.True(status.Status == ResearchRuntimeStatus.Completed, $"The research ended {status.Status}: {status.Failure}");
        var events = (await ApiJson.ReadAsync<ResearchEventsResponse>(await server.Client.GetAsync($"/api/research/{researchId}/events"))).Events;
        var built = events.Single(e => e.Type == ProgressEventType.StepCompleted && e.Step == "index");
        var planning = events.Single(e => e.Type == ProgressEventType.StepStarted && e.Step == "plan");
        Assert.True(building.Sequence < built.Sequence && built.Sequence < planning.Sequence);
    }

    /// <summary>The research's first event that <paramref name="matches"/>, read from the log as a client reads it; fails past <see cref="TestTimeouts.Bound"/>.</summary>
    private async Task<ProgressEvent> FirstEventAsync(string researchId, Func<ProgressEvent, bool> matches)
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Bound);
        using var polling = new PeriodicTimer(EventPollingInterval);
        while (true)
        {
            var page = await ApiJson.ReadAsync<ResearchEventsResponse>(await server.Client.GetAsync($"/api/research/{researchId}/events"));
            if (page.Events.FirstOrDefault(matches) is { } found) return found;
            try
            {
                await polling.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Research {researchId} recorded no such event within {TestTimeouts.Bound}.");
            }
        }
    }

    /// <summary>The host's search behind a build the test ends: until <see cref="Open"/>, it is not searchable and reports 2 of 5 files read.</summary>
    private sealed class GatedSearch
    {
        private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => opened.TrySetResult();

        public ISearchProvider Over(ISearchProvider search) => new Gated(search, opened.Task);

        private sealed class Gated(ISearchProvider inner, Task opened) : ISearchProvider, ISearchReadiness
        {
            public IndexProgress Progress => opened.IsCompleted ? new(IndexPhase.Ready, 5, 5) : new(IndexPhase.Reading, 2, 5);

            public Task WhenSearchableAsync(CancellationToken cancellationToken) => opened.WaitAsync(cancellationToken);

            public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken)
            {
                await opened.WaitAsync(cancellationToken);
                return await inner.SearchAsync(query, maxResults, cancellationToken);
            }
        }
    }
}
