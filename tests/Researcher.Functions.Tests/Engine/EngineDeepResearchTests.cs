using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Workflow;
using Researcher.Functions.Orchestration;
using Researcher.Testing;

namespace Researcher.Functions.Tests.Engine;

/// <summary>
/// A deep research on the real Durable replay engine over the offline engine and a small corpus:
/// each branch its own sub-orchestration, the tree in the log, a cited report; and the workflows,
/// replayed over their histories episode after episode, issuing the same calls every time.
/// </summary>
public sealed class EngineDeepResearchTests(TestCorpus corpus) : IClassFixture<TestCorpus>
{
    [Fact]
    public async Task A_deep_research_explores_its_tree_in_sub_orchestrations_and_writes_a_cited_report()
    {
        using var offline = new OfflineProviders(corpus.Root);
        await using var engine = await ResearchEngineHost.StartAsync(offline.Providers);
        using var timeout = new CancellationTokenSource(EngineTimeouts.Research);

        var researchId = await engine.StartResearchAsync(ResearchEngineHost.DeepSpec(TestCorpus.FourSubQuestionsQuestion, 2, 2), timeout.Token);
        var metadata = await engine.WaitForEndAsync(researchId, timeout.Token);

        var outcome = metadata.ReadOutputAs<ResearchOutcome>();
        Assert.Equal(ResearchRuntimeStatus.Completed, outcome?.Status);
        var markdown = await engine.Content.GetTextAsync(outcome!.Report!.ContentName);
        Assert.NotNull(markdown);
        ReportCitations.AssertResolve(markdown, corpus);

        var events = await engine.Events.AllAsync(researchId);
        EngineAssertions.LogIsWholeAndEndsWith(events, ProgressEventType.ResearchCompleted);
        var started = events.Where(e => e.Type == ProgressEventType.BranchStarted).Select(e => e.Data!["branch"]).ToList();
        Assert.Contains("1", started);
        Assert.Contains("2", started);
        Assert.InRange(started.Count, 2, 4);
        var ended = events.Where(e => e.Type is ProgressEventType.BranchCompleted or ProgressEventType.BranchFailed).Select(e => e.Data!["branch"]);
        Assert.Equal(started.Order(), ended.Order());

        // Every branch ran as its own sub-orchestration, named by the research and the branch's path.
        foreach (var path in started)
        {
            var branch = await engine.Client.GetInstanceAsync($"{researchId}{DurableResearchContext.BranchSeparator}{path}", getInputsAndOutputs: true, timeout.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, branch?.RuntimeStatus);
            Assert.Equal(ResearchWorkflows.DeepBranch.Name, branch!.Name);
            Assert.Equal(path, branch.ReadOutputAs<DeepBranchFindings>()!.Query.Key);
        }
        // A top-level section per explored top-level branch, under its goal.
        var plan = events.Single(e => e.Type == ProgressEventType.StepCompleted && e.Step == "plan");
        Assert.Equal(["1", "2"], plan.Data!.Keys.Order());
        foreach (var top in events.Where(e => e.Type == ProgressEventType.BranchCompleted && e.Data!["depth"] == "1"))
            Assert.NotNull(EngineAssertions.Section(markdown, top.Data!["title"]));
    }

    [Fact]
    public async Task Replayed_over_its_history_every_workflow_issues_the_same_calls_with_the_same_inputs()
    {
        var recorder = new EpisodeRecorder();
        using var offline = new OfflineProviders(corpus.Root);
        await using var engine = await ResearchEngineHost.StartAsync(offline.Providers, recorder.Orchestrators);
        using var timeout = new CancellationTokenSource(EngineTimeouts.Research);

        var researchId = await engine.StartResearchAsync(ResearchEngineHost.DeepSpec(TestCorpus.FourSubQuestionsQuestion, 2, 2), timeout.Token);
        var metadata = await engine.WaitForEndAsync(researchId, timeout.Token);
        Assert.Equal(ResearchRuntimeStatus.Completed, metadata.ReadOutputAs<ResearchOutcome>()?.Status);

        var instances = recorder.EpisodesByInstance();
        Assert.Contains(researchId, instances.Keys);
        Assert.True(instances.Keys.Count(id => id.StartsWith($"{researchId}{DurableResearchContext.BranchSeparator}", StringComparison.Ordinal)) >= 2);
        foreach (var (instanceId, episodes) in instances)
        {
            // The engine replays a workflow from the start for every new result: each episode's calls
            // are the calls of the one before it, in the same order with the same inputs, and then some.
            var last = episodes[^1];
            Assert.True(episodes.Count > 1, $"{instanceId} ran in a single episode: nothing was replayed.");
            foreach (var episode in episodes)
                Assert.Equal(episode, last.Take(episode.Count));
        }
        var root = instances[researchId][^1];
        Assert.True(root.Count(call => call.StartsWith("branch:DeepResearchBranch:", StringComparison.Ordinal)) >= 2);
        Assert.Equal(1, root.Count(call => call.StartsWith("step:WriteReport", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The app's workflows under their own names, each over the real Durable context wrapped in one
    /// that writes down every call it makes (steps, branches, progress) with its input, per episode.
    /// </summary>
    private sealed class EpisodeRecorder
    {
        private readonly ConcurrentQueue<(string InstanceId, List<string> Calls)> episodes = new();

        public IReadOnlyList<OrchestratorRegistration> Orchestrators =>
        [
            Register<ResearchInput, ResearchOutcome>(ResearchWorkflows.Standard, StandardResearchWorkflow.RunAsync),
            Register<SubQuestionInput, SubQuestionFindings>(ResearchWorkflows.SubQuestion.Name, SubQuestionWorkflow.RunAsync),
            Register<DeepBranchInput, DeepBranchFindings>(ResearchWorkflows.DeepBranch.Name, DeepBranchWorkflow.RunAsync),
        ];

        /// <summary>Each instance's episodes, in the order they ran.</summary>
        public Dictionary<string, List<List<string>>> EpisodesByInstance() =>
            episodes.GroupBy(e => e.InstanceId).ToDictionary(g => g.Key, g => g.Select(e => e.Calls).ToList());

        private OrchestratorRegistration Register<TInput, TOutput>(string name, Func<IResearchContext, TInput, Task<TOutput>> workflow) =>
            new(name, FuncTaskOrchestrator.Create<TInput, TOutput>((context, input) =>
            {
                var calls = new List<string>();
                episodes.Enqueue((context.InstanceId, calls));
                return workflow(new RecordingContext(new DurableResearchContext(context), calls), input!);
            }));
    }

    private sealed class RecordingContext(IResearchContext inner, List<string> calls) : IResearchContext
    {
        public string ResearchId => inner.ResearchId;
        public DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;
        public bool IsReplaying => inner.IsReplaying;
        public bool IsCancellationRequested => inner.IsCancellationRequested;

        public Task<TOutput> RunStepAsync<TInput, TOutput>(StepDefinition<TInput, TOutput> step, TInput input, StepRetryPolicy? retry = null)
        {
            calls.Add($"step:{step.Name}:{JsonSerializer.Serialize(input)}");
            return inner.RunStepAsync(step, input, retry);
        }

        public Task<TOutput> RunBranchAsync<TInput, TOutput>(BranchDefinition<TInput, TOutput> branch, TInput input, string branchKey)
        {
            calls.Add($"branch:{branch.Name}:{branchKey}:{JsonSerializer.Serialize(input)}");
            return inner.RunBranchAsync(branch, input, branchKey);
        }

        public Task RecordProgressAsync(ProgressEvent progressEvent)
        {
            calls.Add($"progress:{JsonSerializer.Serialize(progressEvent)}");
            return inner.RecordProgressAsync(progressEvent);
        }

        public void SetStatus(ResearchProgress status) => inner.SetStatus(status);
    }
}
