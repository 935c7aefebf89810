using System.Collections.Concurrent;
using Researcher.Core.Planning;
using Researcher.Core.Workflow;

namespace Researcher.LocalHost.Tests.Support;

/// <summary>
/// A step-handler seam: the plan step of any question containing <see cref="Marker"/> waits until
/// its research is cancelled, so a test holds a research running for as long as it needs, with no
/// timing involved. Other questions are planned by the real handler.
/// </summary>
internal sealed class HeldPlans
{
    public const string Marker = "[held]";

    private readonly ConcurrentDictionary<string, TaskCompletionSource> entered = new();

    public Func<PlanInput, CancellationToken, Task<ResearchPlan>> Wrap(Func<PlanInput, CancellationToken, Task<ResearchPlan>> plan) =>
        async (input, cancellationToken) =>
        {
            if (!input.Question.Contains(Marker, StringComparison.Ordinal))
                return await plan(input, cancellationToken);
            Entered(input.ResearchId).TrySetResult();
            await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
            throw new InvalidOperationException("A held plan only ends by cancellation.");
        };

    /// <summary>Completes once the research's plan step is running (and held).</summary>
    public Task WaitUntilHeldAsync(string researchId) => Entered(researchId).Task.WaitAsync(TestTimeouts.Bound);

    private TaskCompletionSource Entered(string researchId) =>
        entered.GetOrAdd(researchId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
