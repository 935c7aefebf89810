namespace Researcher.LocalHost.Tests.Support;

/// <summary>
/// The bound on every wait in these tests: long enough never to be reached by a working host, so
/// it turns a hang into a failure without making any assertion depend on timing.
/// </summary>
internal static class TestTimeouts
{
    public static TimeSpan Bound { get; } = TimeSpan.FromMinutes(2);
}
