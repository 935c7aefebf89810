using System.Collections.Concurrent;
using Researcher.Core.Planning;

using Researcher.Testing;

namespace Researcher.LocalHost.Tests.Support;

/// <summary>
/// A planner seam: planning any question that contains <see cref="Marker"/> waits until the test
/// releases it (or the host stops), so a test holds a research running in its plan step for as
/// long as it needs, with no timing involved. A released question is planned by the real planner,
/// as every other question is; a research cancelled while held stops once its plan step has ended.
/// </summary>
internal sealed class HeldPlans(IResearchPlanner planner) : IResearchPlanner
{
    public const string Marker = "[held]";

    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Entered = new();
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Released = new();

    public async Task<ResearchPlan> PlanAsync(string question, int maxSubQuestions, CancellationToken cancellationToken)
    {
        await HoldAsync(question, cancellationToken);
        return await planner.PlanAsync(question, maxSubQuestions, cancellationToken);
    }

    public async Task<ResearchPlan> PlanAsync(
        string question, int maxSubQuestions, IReadOnlyList<Researcher.Core.Search.SearchHit> firstResults, CancellationToken cancellationToken)
    {
        await HoldAsync(question, cancellationToken);
        return await planner.PlanAsync(question, maxSubQuestions, firstResults, cancellationToken);
    }

    /// <summary>Holds a marked question until it is released; any other question goes on at once.</summary>
    private static async Task HoldAsync(string question, CancellationToken cancellationToken)
    {
        if (!question.Contains(Marker, StringComparison.Ordinal)) return;
        Signal(Entered, question).TrySetResult();
        await Signal(Released, question).Task.WaitAsync(cancellationToken);
    }

    /// <summary>A question no other research asks, held in its plan step.</summary>
    public static string NewQuestion() => $"{Marker} {Guid.NewGuid():N} {TestCorpus.Question}";

    /// <summary>Completes once the plan step of <paramref name="question"/> is running (and held).</summary>
    public static Task WaitUntilHeldAsync(string question) => Signal(Entered, question).Task.WaitAsync(TestTimeouts.Bound);

    /// <summary>Lets the plan step of <paramref name="question"/> go on (now or whenever it starts).</summary>
    public static void Release(string question) => Signal(Released, question).TrySetResult();

    private static TaskCompletionSource Signal(ConcurrentDictionary<string, TaskCompletionSource> signals, string question) =>
        signals.GetOrAdd(question, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
