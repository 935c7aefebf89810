using System.Text.Json.Serialization;

namespace Researcher.Core.Contracts;

/// <summary>
/// What a research (or one of its steps) spent on language models: tokens as the service counted
/// them, the number of calls, and the cost from the configured price table. <see cref="Cost"/> is
/// null when some call's model has no price (the tokens still add up). Adds up with <c>+</c>, so a
/// research's total is the sum of its steps', in any order.
/// </summary>
public sealed record ResearchUsage(long InputTokens, long OutputTokens, long TotalTokens, int Calls, decimal? Cost)
{
    public static ResearchUsage Zero { get; } = new(0, 0, 0, 0, 0m);

    [JsonIgnore]
    public bool IsZero => Calls == 0 && TotalTokens == 0;

    public static ResearchUsage operator +(ResearchUsage left, ResearchUsage right) =>
        new(left.InputTokens + right.InputTokens,
            left.OutputTokens + right.OutputTokens,
            left.TotalTokens + right.TotalTokens,
            left.Calls + right.Calls,
            left.Cost is { } a && right.Cost is { } b ? a + b : null);

    /// <summary>
    /// Spending all of <paramref name="budget"/> (nothing where it has no limit): what a branch
    /// given that allowance is counted as spending while it runs, so others are not promised it too.
    /// </summary>
    public static ResearchUsage Reserving(ResearchBudget budget) => new(0, 0, budget.MaxTokens ?? 0, 0, budget.MaxCost ?? 0m);

    public static ResearchUsage Sum(IEnumerable<ResearchUsage?> usages) =>
        usages.Aggregate(Zero, (total, usage) => usage is null ? total : total + usage);
}

/// <summary>
/// The spending a client sees in a research's status: the totals, the currency of
/// <see cref="ResearchUsage.Cost"/>, the budget, and whether the budget cut the gathering short.
/// </summary>
public sealed record ResearchSpending(ResearchUsage Usage, string Currency, ResearchBudget Budget, bool BudgetReached);
