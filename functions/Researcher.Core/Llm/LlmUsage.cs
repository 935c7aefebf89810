using Microsoft.Extensions.AI;

namespace Researcher.Core.Llm;

/// <summary>
/// Tokens one or more model calls consumed, the unit costs are computed from. Adds up with
/// <c>+</c>, so a job's total is the sum of its calls, repair attempts included.
/// </summary>
/// <param name="InputTokens">Tokens sent (the prompt).</param>
/// <param name="OutputTokens">Tokens generated (the answer, reasoning included where the service counts it there).</param>
/// <param name="TotalTokens">The service's total, or input plus output where it reports none.</param>
public readonly record struct LlmUsage(long InputTokens, long OutputTokens, long TotalTokens)
{
    public static LlmUsage Zero => default;

    /// <summary>The usage a Microsoft.Extensions.AI response reports; zero where it reports none.</summary>
    public static LlmUsage From(UsageDetails? usage)
    {
        if (usage is null)
            return Zero;
        var input = usage.InputTokenCount ?? 0;
        var output = usage.OutputTokenCount ?? 0;
        return new LlmUsage(input, output, usage.TotalTokenCount ?? input + output);
    }

    public static LlmUsage operator +(LlmUsage left, LlmUsage right) =>
        new(left.InputTokens + right.InputTokens,
            left.OutputTokens + right.OutputTokens,
            left.TotalTokens + right.TotalTokens);
}
