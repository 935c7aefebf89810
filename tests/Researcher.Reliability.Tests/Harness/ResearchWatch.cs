using System.Text;

namespace Researcher.Reliability.Tests.Harness;

/// <summary>A research and the host a client asks about it.</summary>
public sealed record WatchedResearch(string Id, HostProcess Host)
{
    public override string ToString() => $"research {Id} (asked of host {Host.Name})";
}

/// <summary>What a client last saw of a research: its status and the last event of its log.</summary>
public sealed record Observation(ResearchState? State, ServedEvent? LastEvent, ApiAnswer? Unavailable)
{
    public long LastSequence => LastEvent?.Sequence ?? 0;

    public bool IsFinal => State?.IsFinal == true;

    public override string ToString() =>
        $"status {(State is null ? "unknown" : State.ToString())}, last event {(LastEvent is null ? "none" : LastEvent.ToString())}" +
        (Unavailable is null ? "" : $", last answer {Unavailable}");
}

/// <summary>
/// Polls researches, as a client would, until each reaches a goal: their status and their event
/// log read page by page (every page recorded in <see cref="ServedEvents"/>). No fixed sleeps:
/// each research is polled until its goal holds, until it has shown no change for
/// <see cref="Bounds.Stall"/> (stuck), or until <see cref="Bounds.Research"/>; then every research
/// that missed the goal is named with what was last seen of it. A 503 with Retry-After (the
/// contract's "try again") is read as no news, not as a failure; the stall bound still applies.
/// </summary>
public sealed class ResearchWatch(ServedEvents served)
{
    private const int PageSize = 100;

    /// <summary>Until every research's status is final; returns what was last seen of each.</summary>
    public Task<IReadOnlyDictionary<string, Observation>> UntilFinalAsync(IReadOnlyList<WatchedResearch> researches) =>
        UntilAsync(researches, "reached a final status", o => o.IsFinal);

    /// <summary>Until every research has logged at least <paramref name="sequence"/> events (or ended).</summary>
    public Task<IReadOnlyDictionary<string, Observation>> UntilSequenceAsync(
        IReadOnlyList<WatchedResearch> researches, long sequence, TimeSpan? interval = null) =>
        UntilAsync(researches, $"logged event #{sequence}", o => o.LastSequence >= sequence || o.IsFinal, interval);

    public async Task<IReadOnlyDictionary<string, Observation>> UntilAsync(
        IReadOnlyList<WatchedResearch> researches, string goal, Func<Observation, bool> reached, TimeSpan? interval = null)
    {
        var start = DateTime.UtcNow;
        var deadline = start + Bounds.Research;
        var seen = researches.ToDictionary(r => r.Id, _ => new Observation(null, null, null));
        var changedAt = researches.ToDictionary(r => r.Id, _ => start);
        var open = researches.ToList();
        var stuck = new List<WatchedResearch>();

        while (open.Count > 0 && DateTime.UtcNow < deadline)
        {
            foreach (var research in open.ToList())
            {
                if (DateTime.UtcNow >= deadline) break;
                var before = seen[research.Id];
                var now = await ObserveAsync(research, before);
                seen[research.Id] = now;
                if (reached(now))
                {
                    open.Remove(research);
                    continue;
                }
                if (now.State != before.State || now.LastSequence != before.LastSequence)
                    changedAt[research.Id] = DateTime.UtcNow;
                else if (DateTime.UtcNow - changedAt[research.Id] > Bounds.Stall)
                {
                    open.Remove(research);
                    stuck.Add(research);
                }
            }
            if (open.Count > 0) await Task.Delay(interval ?? Bounds.PollInterval);
        }

        var missed = researches.Where(r => !reached(seen[r.Id])).ToList();
        if (missed.Count == 0) return seen;

        var message = new StringBuilder(
            $"{missed.Count} of {researches.Count} researches never {goal} (waited up to {Bounds.Research}, " +
            $"a research unchanged for {Bounds.Stall} counts as stuck):");
        foreach (var research in missed)
        {
            var why = stuck.Contains(research)
                ? $"stuck: unchanged since {changedAt[research.Id]:HH:mm:ss.fff}"
                : "still changing at the deadline";
            message.AppendLine().Append($"  {research}: {why}; {seen[research.Id]}");
        }
        throw new ReliabilityException(message.ToString());
    }

    /// <summary>One look at a research: its status, then the events logged after the last one seen.</summary>
    public async Task<Observation> ObserveAsync(WatchedResearch research, Observation before)
    {
        var api = research.Host.Api;
        var answer = await api.GetStatusAnswerAsync(research.Id);
        if (answer.StatusCode == 503 && answer.RetryAfter is not null)
            return before with { Unavailable = answer };
        if (answer.StatusCode != 200)
            throw new ReliabilityException($"{research}: GET status answered {answer}, expected 200; before it: {before}.");
        var state = ResearchState.Parse(answer.Body);

        var last = before.LastEvent;
        for (var pages = 0; pages < 1000; pages++)
        {
            var events = await api.GetEventsAnswerAsync(research.Id, last?.Sequence ?? 0, PageSize);
            if (events.StatusCode == 503 && events.RetryAfter is not null)
                return new Observation(state, last, events);
            if (events.StatusCode != 200)
                throw new ReliabilityException($"{research}: GET events after #{last?.Sequence ?? 0} answered {events}, expected 200.");
            var page = EventsPage.Parse(events.Body);
            served.Record(research.Id, research.Host.Name, page.Events);
            if (page.Events.Count == 0) break;
            last = page.Events[^1];
        }
        return new Observation(state, last, null);
    }
}
