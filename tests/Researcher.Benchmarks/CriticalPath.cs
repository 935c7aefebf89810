using Researcher.Testing;

namespace Researcher.Benchmarks;

/// <summary>The calls of one phase of a workflow, which all depend on the phase before and not on each other.</summary>
internal sealed record Phase(string Name, IReadOnlyList<TimedProviderRequest> Calls)
{
    public long StartedAt => Calls.Min(call => call.StartedAt);

    public long EndedAt => Calls.Max(call => call.EndedAt);

    public double LongestMilliseconds => Calls.Max(call => call.Duration.TotalMilliseconds);

    /// <summary>How much longer the phase took, first call to last answer, than its longest call: calls that started late.</summary>
    public double WaitingMilliseconds => Stats.Milliseconds(StartedAt, EndedAt) - LongestMilliseconds;
}

/// <summary>
/// A chain of dependent phases of a research's provider calls (<see cref="FakeProviderWeb"/>'s
/// timings), each waiting for the one before: its length, the critical path, is the sum of each
/// phase's longest call. Which calls make the phases is the part's to say
/// (<see cref="ProviderLatencyBenchmark"/> for research and detailed reports,
/// <see cref="DeepResearchBenchmark"/> for a deep research's longest root-to-leaf chain).
/// </summary>
internal sealed record CriticalPath(IReadOnlyList<Phase> Phases)
{
    public double Seconds => Phases.Sum(phase => phase.LongestMilliseconds) / 1000;

    public double WaitingMilliseconds => Phases.Sum(phase => phase.WaitingMilliseconds);

    /// <summary>The critical path the fixed latencies alone would give: one call of each phase, each at its kind's latency.</summary>
    public double NominalSeconds(ProviderLatencies latencies) => Phases.Sum(phase => (phase.Calls[0].Kind switch
    {
        ProviderRequestKind.Search => latencies.Search,
        ProviderRequestKind.Page => latencies.Page,
        _ => latencies.Chat,
    }).TotalSeconds);

    /// <summary>From the end of phase <paramref name="index"/> - 1 to the start of phase <paramref name="index"/>: the engine's work between them.</summary>
    public double GapMilliseconds(int index) => Stats.Milliseconds(Phases[index - 1].EndedAt, Phases[index].StartedAt);

    public string Describe() => string.Join(" + ", Phases.Select(phase => $"{phase.Name} {phase.Calls.Count} x {Report.Ms(phase.LongestMilliseconds)}"));
}

/// <summary>The phases every research's critical path begins and ends with, from its provider calls.</summary>
internal static class ResearchPhases
{
    /// <summary>
    /// The planner's phases: its search (the searches that started before its chat), then its chat;
    /// and the searches that started after the chat (the branches').
    /// </summary>
    public static (Phase Search, Phase Chat, IReadOnlyList<TimedProviderRequest> BranchSearches) Planning(IReadOnlyList<TimedProviderRequest> calls)
    {
        var chats = calls.Where(call => call.Prompt == ChatPromptKind.Plan).ToList();
        var chatStarted = chats.Min(call => call.StartedAt);
        var searches = calls.Where(call => call.Kind == ProviderRequestKind.Search).ToList();
        return (new Phase("plan search", searches.Where(call => call.StartedAt < chatStarted).ToList()), new Phase("plan chat", chats),
            searches.Where(call => call.StartedAt >= chatStarted).ToList());
    }

    /// <summary>The writing's phases that have calls: a detailed (or deep) report's sections, then its introduction and conclusion; any other report in one call.</summary>
    public static IEnumerable<Phase> Writing(IReadOnlyList<TimedProviderRequest> calls) =>
        new Phase[]
        {
            new("sections", Chats(calls, ChatPromptKind.Section)),
            new("introduction and conclusion", Chats(calls, ChatPromptKind.Framing)),
            new("report", Chats(calls, ChatPromptKind.Report)),
        }.Where(phase => phase.Calls.Count > 0);

    /// <summary>The chats of one prompt kind.</summary>
    public static IReadOnlyList<TimedProviderRequest> Chats(IReadOnlyList<TimedProviderRequest> calls, ChatPromptKind kind) =>
        calls.Where(call => call.Prompt == kind).ToList();
}
