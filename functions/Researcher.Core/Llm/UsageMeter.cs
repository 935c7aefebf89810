using Researcher.Core.Contracts;

namespace Researcher.Core.Llm;

/// <summary>
/// Adds up what the model calls made inside one step spend. A step handler starts a meter, runs its
/// work, and reports <see cref="Total"/> in its result; the metered clients
/// (<see cref="MeteredChatClient"/>, <see cref="MeteredEmbeddingGenerator"/>) record every call,
/// repair attempts and failed answers included, into the meter of the flow they run in. The meter
/// flows with the async context, so steps running at the same time in one process never mix their
/// counts; a call outside any meter is not counted anywhere.
/// </summary>
public sealed class UsageMeter : IDisposable
{
    private static readonly AsyncLocal<UsageMeter?> Current = new();
    private readonly UsageMeter? outer;
    private readonly Lock gate = new();
    private ResearchUsage total = ResearchUsage.Zero;

    private UsageMeter(UsageMeter? outer) => this.outer = outer;

    /// <summary>Starts a meter for the calling flow (and the flows it starts) until disposed.</summary>
    public static UsageMeter Start()
    {
        var meter = new UsageMeter(Current.Value);
        Current.Value = meter;
        return meter;
    }

    /// <summary>Records a call's usage in the current meter, if any (and in the meters around it).</summary>
    public static void Record(ResearchUsage usage)
    {
        for (var meter = Current.Value; meter is not null; meter = meter.outer)
        {
            lock (meter.gate)
                meter.total += usage;
        }
    }

    public ResearchUsage Total
    {
        get
        {
            lock (gate)
                return total;
        }
    }

    public void Dispose() => Current.Value = outer;
}
