using System.Text.RegularExpressions;
using Researcher.Core.Progress;

namespace Researcher.Functions.Tests.Engine;

internal static class EngineAssertions
{
    private static readonly HashSet<ProgressEventType> FinalTypes =
        [ProgressEventType.ResearchCompleted, ProgressEventType.ResearchFailed, ProgressEventType.ResearchCancelled];

    /// <summary>
    /// The log a client reads is whole: sequences 1..N with no gap, ResearchStarted first, and exactly
    /// one final event, of type <paramref name="final"/>, last. Returns that final event.
    /// </summary>
    public static ProgressEvent LogIsWholeAndEndsWith(IReadOnlyList<ProgressEvent> events, ProgressEventType final)
    {
        Assert.NotEmpty(events);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(ProgressEventType.ResearchStarted, events[0].Type);
        var finalEvent = Assert.Single(events, e => FinalTypes.Contains(e.Type));
        Assert.Equal(final, finalEvent.Type);
        Assert.Same(events[^1], finalEvent);
        return finalEvent;
    }

    /// <summary>The lines of the report's section titled <paramref name="heading"/> (a level-2 heading), or null without one.</summary>
    public static string? Section(string markdown, string heading)
    {
        var match = Regex.Match(markdown, $@"^## {Regex.Escape(heading)}\s*$", RegexOptions.Multiline);
        if (!match.Success) return null;
        var rest = markdown[(match.Index + match.Length)..];
        var next = Regex.Match(rest, @"^## ", RegexOptions.Multiline);
        return next.Success ? rest[..next.Index] : rest;
    }
}

/// <summary>How long an engine test waits for a research before it fails instead of hanging.</summary>
internal static class EngineTimeouts
{
    /// <summary>A research whose steps succeed: seconds on the in-memory backend.</summary>
    public static readonly TimeSpan Research = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A research with a step that fails on every attempt: the provider retry policy's durable timers
    /// (1 + 2 + 4 + 8 + 16 s) fire in real time on the in-memory backend, so about 31 s of waiting is inherent.
    /// </summary>
    public static readonly TimeSpan RetriedResearch = TimeSpan.FromSeconds(120);

    /// <summary>A signal the test waits for inside a research (a step being entered).</summary>
    public static readonly TimeSpan Signal = TimeSpan.FromSeconds(30);
}
