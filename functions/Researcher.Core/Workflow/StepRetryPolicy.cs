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
    /// <summary>For steps that only touch our own storage: quick retries for transient faults.</summary>
    public static StepRetryPolicy Storage { get; } = new(3, TimeSpan.FromMilliseconds(200), 2.0, TimeSpan.FromSeconds(2));

    /// <summary>For steps that call a provider (search, reading, an LLM): patient retries.</summary>
    public static StepRetryPolicy Provider { get; } = new(4, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(30));

    /// <summary>The wait before the given attempt (2 for the first retry).</summary>
    public TimeSpan DelayBeforeAttempt(int attempt)
    {
        if (attempt < 2) return TimeSpan.Zero;
        var delay = FirstRetryInterval.TotalMilliseconds * Math.Pow(BackoffCoefficient, attempt - 2);
        var cap = (MaxRetryInterval ?? TimeSpan.FromHours(1)).TotalMilliseconds;
        return TimeSpan.FromMilliseconds(Math.Min(delay, cap));
    }
}
