using Researcher.Core.Workflow;

namespace Researcher.Core.Tests.Workflow;

public class StepRetryPolicyTests
{
    [Fact]
    public void Delays_grow_by_the_coefficient_and_stop_at_the_cap()
    {
        var policy = new StepRetryPolicy(6, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.Zero, policy.DelayBeforeAttempt(1));
        Assert.Equal(TimeSpan.FromSeconds(1), policy.DelayBeforeAttempt(2));
        Assert.Equal(TimeSpan.FromSeconds(2), policy.DelayBeforeAttempt(3));
        Assert.Equal(TimeSpan.FromSeconds(4), policy.DelayBeforeAttempt(4));
        Assert.Equal(TimeSpan.FromSeconds(5), policy.DelayBeforeAttempt(5));
    }

    [Fact]
    public void The_storage_policy_waits_out_more_than_a_minute_of_unreachable_storage()
    {
        var policy = StepRetryPolicy.Storage;

        var waited = Enumerable.Range(2, policy.MaxAttempts - 1).Select(policy.DelayBeforeAttempt).Aggregate(TimeSpan.Zero, (sum, delay) => sum + delay);

        Assert.True(waited > TimeSpan.FromMinutes(1), $"The storage policy gives up after {waited} of waiting.");
    }
}
