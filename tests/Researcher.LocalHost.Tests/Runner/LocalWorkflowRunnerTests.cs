using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Workflow;
using Researcher.LocalHost.Runner;

namespace Researcher.LocalHost.Tests.Runner;

public class LocalWorkflowRunnerTests
{
    private const string ResearchId = "0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static readonly StepDefinition<Payload, Payload> Echo = new("Echo");
    private static readonly StepDefinition<Payload, Payload> Flaky = new("Flaky");
    private static readonly BranchDefinition<Payload, Payload> EchoBranch = new("EchoBranch");

    private readonly SteppedTimeProvider clock = new(Start);
    private readonly List<ProgressEvent> recorded = [];

    public sealed record Payload(string Text, List<string> Items);

    private LocalWorkflowRunner Runner(StepCatalog steps, BranchCatalog? branches = null) =>
        new(steps.Add(ResearchSteps.RecordProgress, (e, _) => { lock (recorded) recorded.Add(e); return Task.FromResult(Done.Instance); }),
            branches ?? new BranchCatalog(), clock, Options.Create(new LocalRunnerOptions { MaxConcurrentStepsPerResearch = 2 }),
            NullLogger<LocalWorkflowRunner>.Instance);

    [Fact]
    public async Task Step_inputs_and_outputs_cross_a_serialization_boundary()
    {
        Payload? received = null, returned = null;
        var steps = new StepCatalog().Add(Echo, (input, _) =>
        {
            received = input;
            returned = input with { Text = input.Text.ToUpperInvariant() };
            return Task.FromResult(returned);
        });
        var sent = new Payload("tides", ["moon"]);

        var result = await Runner(steps).RunAsync(ResearchId,
            async (context, input) => await context.RunStepAsync(Echo, input), sent, null, CancellationToken.None);

        Assert.Equal(ResearchRuntimeStatus.Completed, result.Status);
        Assert.Equal("TIDES", result.Output!.Text);
        Assert.Equal(["moon"], result.Output.Items);
        Assert.NotSame(sent, received);
        Assert.NotSame(sent.Items, received!.Items);
        Assert.NotSame(returned, result.Output);
    }

    [Fact]
    public async Task A_failing_step_is_retried_with_the_policy_backoff_until_it_succeeds()
    {
        var attempts = 0;
        var steps = new StepCatalog().Add(Flaky, (input, _) =>
            ++attempts < 3 ? throw new IOException($"transient {attempts}") : Task.FromResult(input));
        var policy = new StepRetryPolicy(3, TimeSpan.FromSeconds(1), 2.0);

        var result = await Runner(steps).RunAsync(ResearchId,
            async (context, input) => await context.RunStepAsync(Flaky, input, policy), new Payload("x", []), null, CancellationToken.None);

        Assert.Equal(ResearchRuntimeStatus.Completed, result.Status);
        Assert.Equal(3, attempts);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], clock.RequestedDelays);
    }

    [Fact]
    public async Task A_step_failing_after_its_retries_throws_StepFailedException_into_the_workflow()
    {
        var attempts = 0;
        var steps = new StepCatalog().Add(Flaky, (_, _) => { attempts++; throw new IOException("disk on fire"); });
        StepFailedException? caught = null;

        var result = await Runner(steps).RunAsync(ResearchId, async (context, input) =>
        {
            try
            {
                return await context.RunStepAsync(Flaky, input, new StepRetryPolicy(2, TimeSpan.FromSeconds(1)));
            }
            catch (StepFailedException ex)
            {
                caught = ex;
                throw;
            }
        }, new Payload("x", []), null, CancellationToken.None);

        Assert.Equal(2, attempts);
        Assert.Equal("Flaky", caught!.StepName);
        Assert.Equal(typeof(IOException).FullName, caught.ErrorType);
        Assert.Equal("disk on fire", caught.ErrorMessage);
        Assert.Equal(ResearchRuntimeStatus.Failed, result.Status);
        Assert.Equal("Step 'Flaky' failed: disk on fire", result.Failure);
    }

    [Fact]
    public async Task A_step_without_a_policy_runs_once()
    {
        var attempts = 0;
        var steps = new StepCatalog().Add(Flaky, (_, _) => { attempts++; throw new IOException("once"); });

        var result = await Runner(steps).RunAsync(ResearchId,
            async (context, input) => await context.RunStepAsync(Flaky, input), new Payload("x", []), null, CancellationToken.None);

        Assert.Equal(1, attempts);
        Assert.Equal(ResearchRuntimeStatus.Failed, result.Status);
        Assert.Empty(clock.RequestedDelays);
    }

    [Fact]
    public async Task An_exception_in_the_workflow_itself_fails_with_a_generic_reason()
    {
        var result = await Runner(new StepCatalog()).RunAsync<Payload, Payload>(ResearchId,
            (_, _) => throw new InvalidOperationException("at Researcher.Secret.Method()"), new Payload("x", []), null, CancellationToken.None);

        Assert.Equal(ResearchRuntimeStatus.Failed, result.Status);
        Assert.DoesNotContain("Secret", result.Failure);
    }

    [Fact]
    public async Task Cancelling_stops_the_workflow_before_its_next_step()
    {
        using var cancellation = new CancellationTokenSource();
        var calls = new List<string>();
        var steps = new StepCatalog().Add(Echo, (input, _) =>
        {
            calls.Add(input.Text);
            if (input.Text == "first") cancellation.Cancel();
            return Task.FromResult(input);
        });

        var result = await Runner(steps).RunAsync(ResearchId, async (context, input) =>
        {
            await context.RunStepAsync(Echo, input with { Text = "first" });
            return await context.RunStepAsync(Echo, input with { Text = "second" });
        }, new Payload("x", []), null, cancellation.Token);

        Assert.Equal(ResearchRuntimeStatus.Cancelled, result.Status);
        Assert.Equal(["first"], calls);
    }

    [Fact]
    public async Task A_cancelled_token_cancels_a_step_that_is_waiting()
    {
        using var cancellation = new CancellationTokenSource();
        var steps = new StepCatalog().Add(Echo, async (input, cancellationToken) =>
        {
            await cancellation.CancelAsync();
            await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
            return input;
        });

        var result = await Runner(steps).RunAsync(ResearchId,
            async (context, input) => await context.RunStepAsync(Echo, input, StepRetryPolicy.Provider), new Payload("x", []), null, cancellation.Token);

        Assert.Equal(ResearchRuntimeStatus.Cancelled, result.Status);
        Assert.Empty(clock.RequestedDelays);
    }

    [Fact]
    public async Task Branches_run_their_workflow_with_a_child_context_of_the_same_research()
    {
        var branchResearchIds = new List<string>();
        var steps = new StepCatalog().Add(Echo, (input, _) => Task.FromResult(input with { Items = [.. input.Items, "echoed"] }));
        var branches = new BranchCatalog().Add(EchoBranch, async (context, input) =>
        {
            lock (branchResearchIds) branchResearchIds.Add(context.ResearchId);
            return await context.RunStepAsync(Echo, input);
        });

        var result = await Runner(steps, branches).RunAsync(ResearchId, async (context, input) =>
        {
            var outputs = await Task.WhenAll(new[] { "a", "b", "c" }.Select(key =>
                context.RunBranchAsync(EchoBranch, input with { Text = key }, key)));
            return new Payload(string.Concat(outputs.Select(o => o.Text)), outputs.SelectMany(o => o.Items).ToList());
        }, new Payload("x", []), null, CancellationToken.None);

        Assert.Equal("abc", result.Output!.Text);
        Assert.Equal(["echoed", "echoed", "echoed"], result.Output.Items);
        Assert.Equal([ResearchId, ResearchId, ResearchId], branchResearchIds);
    }

    [Fact]
    public async Task A_failing_branch_throws_StepFailedException_naming_the_branch()
    {
        var steps = new StepCatalog().Add(Flaky, (_, _) => throw new IOException("no sources"));
        var branches = new BranchCatalog().Add(EchoBranch, (context, input) => context.RunStepAsync(Flaky, input));

        var result = await Runner(steps, branches).RunAsync(ResearchId,
            (context, input) => context.RunBranchAsync(EchoBranch, input, "q0"), new Payload("x", []), null, CancellationToken.None);

        Assert.Equal(ResearchRuntimeStatus.Failed, result.Status);
        Assert.StartsWith("Step 'EchoBranch' failed: Step 'Flaky' failed: no sources", result.Failure);
    }

    [Fact]
    public async Task The_time_comes_from_the_clock_and_advances_only_when_a_step_completes()
    {
        var steps = new StepCatalog().Add(Echo, (input, _) => Task.FromResult(input));
        var times = new List<DateTime>();

        await Runner(steps).RunAsync(ResearchId, async (context, input) =>
        {
            times.Add(context.CurrentUtcDateTime);
            times.Add(context.CurrentUtcDateTime);
            await context.RunStepAsync(Echo, input);
            times.Add(context.CurrentUtcDateTime);
            return input;
        }, new Payload("x", []), null, CancellationToken.None);

        Assert.Equal(Start.UtcDateTime, times[0]);
        Assert.Equal(times[0], times[1]);
        Assert.True(times[2] > times[1]);
        Assert.Equal(DateTimeKind.Utc, times[2].Kind);
    }

    [Fact]
    public async Task Status_is_published_before_the_next_step_and_recorded_events_are_tracked()
    {
        var sink = new RecordingStatusSink();
        var publishedWhenStepRan = new List<int>();
        var steps = new StepCatalog().Add(Echo, (input, _) => { publishedWhenStepRan.Add(sink.Published.Count); return Task.FromResult(input); });

        var result = await Runner(steps).RunAsync(ResearchId, async (context, input) =>
        {
            var progress = new ProgressRecorder(context);
            await progress.RecordAsync(ProgressEventType.ResearchStarted, "start", "Starting", 0);
            await context.RunStepAsync(Echo, input);
            await progress.RecordAsync(ProgressEventType.StepCompleted, "echo", "Echoed", 50);
            return input;
        }, new Payload("x", []), sink, CancellationToken.None);

        Assert.Equal([new ResearchProgress(0, "start", "Starting"), new ResearchProgress(50, "echo", "Echoed")], sink.Published);
        Assert.Equal([1], publishedWhenStepRan);
        Assert.Equal([1L, 2L], recorded.Select(e => e.Sequence));
        Assert.Equal(2, result.LastEvent!.Sequence);
        Assert.Equal(3, result.NextSequence);
    }

    private sealed class RecordingStatusSink : IResearchStatusSink
    {
        public List<ResearchProgress> Published { get; } = [];

        public Task PublishAsync(string researchId, ResearchProgress status, CancellationToken cancellationToken)
        {
            Published.Add(status);
            return Task.CompletedTask;
        }
    }
}
