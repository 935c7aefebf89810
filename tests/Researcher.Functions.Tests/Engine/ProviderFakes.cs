using Researcher.Core.Planning;
using Researcher.Core.Search;
using Researcher.Core.Writing;

namespace Researcher.Functions.Tests.Engine;

/// <summary>A search that always fails for one query (as an unreachable provider does) and searches for real otherwise.</summary>
internal sealed class FailingSearchProvider(ISearchProvider inner, string failingQuery) : ISearchProvider
{
    private int failedAttempts;

    /// <summary>How many times the failing query was searched (each attempt of the step).</summary>
    public int FailedAttempts => Volatile.Read(ref failedAttempts);

    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken)
    {
        if (!string.Equals(query, failingQuery, StringComparison.Ordinal))
            return inner.SearchAsync(query, maxResults, cancellationToken);
        Interlocked.Increment(ref failedAttempts);
        throw new HttpRequestException("The search provider could not be reached (test).");
    }
}

/// <summary>A report writer that always fails with a message that must never reach a client.</summary>
internal sealed class FailingReportWriter : IReportWriter
{
    /// <summary>Distinctive text (a made-up secret and address) that stays in the host's log only.</summary>
    public const string SecretMessage = "writer-secret-5e1d9c: POST https://llm.internal.example/v1?key=sk-test-0000 answered 401";

    private int attempts;

    public int Attempts => Volatile.Read(ref attempts);

    public Task<WrittenReport> WriteAsync(ReportDraft draft, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref attempts);
        throw new HttpRequestException(SecretMessage);
    }
}

/// <summary>
/// A planner that, once called, holds until the test releases it (bounded by a timeout), then plans
/// for real: a test keeps a research inside its plan step for as long as it needs, with no timing.
/// </summary>
internal sealed class HeldPlanner(IResearchPlanner inner, TimeSpan bound) : IResearchPlanner
{
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the plan step is running (and held).</summary>
    public Task Entered => entered.Task;

    /// <summary>Completes once the held plan step has returned (or thrown).</summary>
    public Task Exited => exited.Task;

    public void Release() => released.TrySetResult();

    public Task<ResearchPlan> PlanAsync(string question, int maxSubQuestions, CancellationToken cancellationToken) =>
        HoldAsync(() => inner.PlanAsync(question, maxSubQuestions, cancellationToken), cancellationToken);

    public Task<ResearchPlan> PlanAsync(
        string question, int maxSubQuestions, IReadOnlyList<Researcher.Core.Search.SearchHit> firstResults, CancellationToken cancellationToken) =>
        HoldAsync(() => inner.PlanAsync(question, maxSubQuestions, firstResults, cancellationToken), cancellationToken);

    private async Task<ResearchPlan> HoldAsync(Func<Task<ResearchPlan>> plan, CancellationToken cancellationToken)
    {
        try
        {
            entered.TrySetResult();
            await released.Task.WaitAsync(bound, cancellationToken);
            return await plan();
        }
        finally
        {
            exited.TrySetResult();
        }
    }
}

/// <summary>A search that counts the searches the steps ask for, and searches for real.</summary>
internal sealed class CountingSearchProvider(ISearchProvider inner) : ISearchProvider
{
    private int searches;

    public int Searches => Volatile.Read(ref searches);

    public Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int maxResults, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref searches);
        return inner.SearchAsync(query, maxResults, cancellationToken);
    }
}
