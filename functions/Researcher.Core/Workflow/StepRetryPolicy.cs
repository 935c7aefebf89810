namespace Researcher.Core.Workflow;

/// <summary>
/// How often and how patiently a host retries a failed step: attempt n (n ≥ 2) waits
/// FirstRetryInterval × BackoffCoefficient^(n-2), capped at MaxRetryInterval. Mirrors Durable
/// Functions' RetryPolicy so both hosts behave alike.
/// </summary>
public sealed record StepRetryPolicy(
    int MaxAttempts,
    TimeSpan FirstRetryInterval,
    double BackoffCoefficient = 2.0,
    TimeSpan? MaxRetryInterval = null)
{
    /// <summary>
    /// For steps that only touch our own storage: quick first retries for transient faults, then
    /// patient ones, so that storage unreachable for about a minute (a restarting emulator, a
    /// failover) delays the research instead of failing it (0.5 + 1 + 2 + 4 + 8 + 15 × 4 s ≈ 75 s).
    /// </summary>
    public static StepRetryPolicy Storage { get; } = new(10, TimeSpan.FromMilliseconds(500), 2.0, TimeSpan.FromSeconds(15));

    /// <summary>For steps that call a provider (search, reading, an LLM) and store what they got: patient retries (1 + 2 + 4 + 8 + 16 s).</summary>
    public static StepRetryPolicy Provider { get; } = new(6, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(30));

    /// <summary>The wait before the given attempt (2 for the first retry).</summary>
    public TimeSpan DelayBeforeAttempt(int attempt)
    {
        if (attempt < 2) return TimeSpan.Zero;
        var delay = FirstRetryInterval.TotalMilliseconds * Math.Pow(BackoffCoefficient, attempt - 2);
        var cap = (MaxRetryInterval ?? TimeSpan.FromHours(1)).TotalMilliseconds;
        return TimeSpan.FromMilliseconds(Math.Min(delay, cap));
    }
}
