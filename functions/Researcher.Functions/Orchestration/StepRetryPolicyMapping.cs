using Microsoft.DurableTask;
using Researcher.Core.Workflow;

namespace Researcher.Functions.Orchestration;

public static class StepRetryPolicyMapping
{
    /// <summary>
    /// The Durable retry policy that behaves as <paramref name="policy"/>: same attempts, first
    /// interval, back-off and cap (an unset cap is Durable's default of one hour, as in Core).
    /// </summary>
    public static RetryPolicy ToDurableRetryPolicy(this StepRetryPolicy policy) =>
        new(policy.MaxAttempts, policy.FirstRetryInterval, policy.BackoffCoefficient, policy.MaxRetryInterval);
}
