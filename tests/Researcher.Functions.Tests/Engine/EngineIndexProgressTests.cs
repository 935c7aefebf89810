using Microsoft.DurableTask.Client;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Search;
using Researcher.Core.Workflow;
using Researcher.Testing;

namespace Researcher.Functions.Tests.Engine;

/// <summary>
/// On the real Durable replay engine: a research whose documents' index is still being built
/// records the build's progress, through PrepareSources steps, before it plans; the build ends
/// when the test says so, not after a time.
/// </summary>
public sealed class EngineIndexProgressTests(TestCorpus corpus) : IClassFixture<TestCorpus>
{
    [Fact]
    public async Task A_research_over_an_index_being_built_records_its_progress_before_planning_and_completes()
    {
        using var offline = new OfflineProviders(corpus.Root);
        var search = new GatedSearch(offline.Providers.Search);
        await using var engine = await ResearchEngineHost.StartAsync(
            offline.Providers with { Search = search }, index: new DocumentIndexOptions { ProgressInterval = TimeSpan.FromMilliseconds(100) });
        using var timeout = new CancellationTokenSource(EngineTimeouts.Research);
        var indexing = engine.Events.WaitForAsync(e => e.Step == "index");

        var researchId = await engine.StartResearchAsync(TestCorpus.FourSubQuestionsQuestion, timeout.Token);
        try
        {
            var first = await indexing.WaitAsync(EngineTimeouts.Signal, timeout.Token);
            Assert.Equal("Indexing the documents: 2 of 5 files read", first.Message);
        }
        finally
        {
            search.Open();
        }
        var metadata = await engine.WaitForEndAsync(researchId, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        Assert.Equal(ResearchRuntimeStatus.Completed, metadata.ReadOutputAs<ResearchOutcome>()!.Status);
        var events = await engine.Events.AllAsync(researchId);
        EngineAssertions.LogIsWholeAndEndsWith(events, ProgressEventType.ResearchCompleted);
        var planning = events.Single(e => e.Type == ProgressEventType.StepStarted && e.Step == "plan");
        var building = Assert.Single(events, e => e.Type == ProgressEventType.StepStarted && e.Step == "index");
        var built = Assert.Single(events, e => e.Type == ProgressEventType.StepCompleted && e.Step == "index");
        Assert.True(building.Sequence < built.Sequence && built.Sequence < planning.Sequence);
        Assert.Equal(0, engine.Events.RefusedAppends);
    }

    /// <summary>The offline search behind a build the test ends: until <see cref="Open"/>, it is not searchable and reports 2 of 5 files read.</summary>
    private sealed class GatedSearch(ISearchProvider inner) : ISearchProvider, ISearchReadiness
    {
        private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => gate.TrySetResult();

        public IndexProgress Progress => gate.Task.IsCompleted ? new(IndexPhase.Ready, 5, 5) : new(IndexPhase.Reading, 2, 5);

        public Task WhenSearchableAsync(CancellationToken cancellationToken) => gate.Task.WaitAsync(cancellationToken);

        public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken)
        {
            await gate.Task.WaitAsync(cancellationToken);
            return await inner.SearchAsync(query, maxResults, cancellationToken);
        }
    }
}
