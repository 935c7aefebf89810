namespace Researcher.Reliability.Tests.Harness;

/// <summary>
/// The bounds on every wait of the suite. Each is far above what a working host needs, so no
/// assertion depends on timing: they turn a hang into a failure that says what was awaited.
/// </summary>
public static class Bounds
{
    /// <summary>A process (Azurite, a host) starting until it answers, or stopping after a signal.</summary>
    public static TimeSpan ProcessStart { get; } = TimeSpan.FromSeconds(60);

    public static TimeSpan ProcessStop { get; } = TimeSpan.FromSeconds(30);

    /// <summary>One HTTP request to a host.</summary>
    public static TimeSpan Request { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Researches reaching a point (some progress, or their end).</summary>
    public static TimeSpan Research { get; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// A research whose status and event log have not changed for this long, while its hosts and
    /// storage are up, is stuck: the wait ends there rather than at <see cref="Research"/>.
    /// </summary>
    public static TimeSpan Stall { get; } = TimeSpan.FromSeconds(90);

    /// <summary>A whole test, as a backstop behind the bounds above (xunit's Fact timeout, in milliseconds).</summary>
    public const int Test = 8 * 60 * 1000;

    /// <summary>How often a condition is polled.</summary>
    public static TimeSpan PollInterval { get; } = TimeSpan.FromMilliseconds(200);
}
