using System.Text;

namespace Researcher.Reliability.Tests.Harness;

/// <summary>How a research ended, as checked by <see cref="ResearchAssertions"/>.</summary>
public sealed record ResearchEnding(string Id, string Status, IReadOnlyList<ServedEvent> Log, int ReportCharacters);

/// <summary>
/// What must hold of every research once it has ended, read from outside as a client reads it:
/// its whole event log, in pages, numbered exactly 1..N once each in order, with exactly one final
/// event (researchCompleted, researchFailed or researchCancelled), that event last and matching the
/// status; a completed research has one report (200 text/markdown, not empty, the same when read
/// again); a failed or cancelled one answers 409 for it. Every page read is also checked against
/// what was served before (<see cref="ServedEvents"/>).
/// </summary>
public sealed class ResearchAssertions(ServedEvents served)
{
    /// <summary>Small pages, so that paging itself is exercised: logs are a few events long.</summary>
    public const int LogPageSize = 3;

    /// <summary>
    /// Checks every research in <paramref name="researches"/> and throws one exception naming each
    /// research that is wrong and how; returns the endings when all are right.
    /// </summary>
    public async Task<IReadOnlyList<ResearchEnding>> AssertEndedAsync(
        IEnumerable<WatchedResearch> researches, params string[] allowedStatuses)
    {
        var endings = new List<ResearchEnding>();
        var faults = new List<string>();
        foreach (var research in researches)
        {
            var (ending, problems) = await CheckAsync(research, allowedStatuses);
            if (ending is not null) endings.Add(ending);
            faults.AddRange(problems.Select(problem => $"{research}: {problem}"));
        }
        if (faults.Count > 0)
            throw new ReliabilityException($"{faults.Count} problems with the ended researches:{Environment.NewLine}  " +
                string.Join(Environment.NewLine + "  ", faults));
        return endings;
    }

    /// <summary>The research's whole log, read from the start in pages of <see cref="LogPageSize"/>; the pages' own shape is checked.</summary>
    public async Task<IReadOnlyList<ServedEvent>> ReadWholeLogAsync(WatchedResearch research)
    {
        var log = new List<ServedEvent>();
        long after = 0;
        for (var pages = 0; pages < 10_000; pages++)
        {
            var page = await research.Host.Api.GetEventsAsync(research.Id, after, LogPageSize);
            served.Record(research.Id, research.Host.Name, page.Events);
            if (page.Id != research.Id)
                throw new ReliabilityException($"{research}: the events page after #{after} names research {page.Id}.");
            if (page.Events.Count > LogPageSize)
                throw new ReliabilityException($"{research}: asked for {LogPageSize} events after #{after}, got {page.Events.Count}.");
            if (page.Events.FirstOrDefault(e => e.Sequence <= after) is { } early)
                throw new ReliabilityException($"{research}: asked for events after #{after}, got {early}.");
            var expectedLast = page.Events.Count > 0 ? page.Events[^1].Sequence : after;
            if (page.LastSequence != expectedLast)
                throw new ReliabilityException($"{research}: the page after #{after} says lastSequence {page.LastSequence}, its events end at #{expectedLast}.");
            if (page.Events.Count == 0) return log;
            log.AddRange(page.Events);
            after = page.Events[^1].Sequence;
        }
        throw new ReliabilityException($"{research}: its log did not end within 10000 pages.");
    }

    private async Task<(ResearchEnding? Ending, List<string> Problems)> CheckAsync(WatchedResearch research, string[] allowedStatuses)
    {
        var problems = new List<string>();
        var state = await research.Host.Api.GetStatusAsync(research.Id);
        if (!state.IsFinal)
            problems.Add($"its status is {state}, not final");
        else if (!allowedStatuses.Contains(state.Status))
            problems.Add($"it ended {state}; expected {string.Join(" or ", allowedStatuses)}");

        var log = await ReadWholeLogAsync(research);
        problems.AddRange(LogProblems(log, state));

        var reportCharacters = 0;
        if (state.Status == ResearchStatuses.Completed)
        {
            var report = await research.Host.Api.GetReportAsync(research.Id);
            if (report.StatusCode != 200 || report.MediaType != "text/markdown" || string.IsNullOrWhiteSpace(report.Body))
                problems.Add($"it is completed but GET report answered {report}; expected 200 text/markdown with a report");
            else
            {
                var again = await research.Host.Api.GetReportAsync(research.Id);
                if (again.StatusCode != 200 || again.Body != report.Body)
                    problems.Add($"its report changed between two reads: {report.Body.Length} characters, then {again}");
                reportCharacters = report.Body.Length;
            }
        }
        else if (state.IsFinal)
        {
            var report = await research.Host.Api.GetReportAsync(research.Id);
            if (report.StatusCode != 409)
                problems.Add($"it is {state.Status} but GET report answered {report}; expected 409");
        }
        return (problems.Count == 0 ? new ResearchEnding(research.Id, state.Status, log, reportCharacters) : null, problems);
    }

    /// <summary>What is wrong with a finished research's log, given its status: nothing when the list is empty.</summary>
    public static List<string> LogProblems(IReadOnlyList<ServedEvent> log, ResearchState state)
    {
        var problems = new List<string>();
        var summary = Summary(log);
        if (log.Count == 0)
        {
            problems.Add("its event log is empty");
            return problems;
        }
        var sequences = log.Select(e => e.Sequence).ToList();
        if (!sequences.SequenceEqual(Enumerable.Range(1, log.Count).Select(i => (long)i)))
            problems.Add($"its event sequence numbers are not exactly 1..{log.Count} once each in order: [{string.Join(", ", sequences)}]");
        if (log.FirstOrDefault(e => !EventTypes.All.Contains(e.Type)) is { } unknown)
            problems.Add($"its log holds an event of unknown type: {unknown.Json}");

        var finals = log.Where(e => e.IsFinal).ToList();
        if (finals.Count != 1)
            problems.Add($"its log has {finals.Count} final events, expected exactly one: {summary}");
        else if (!log[^1].IsFinal)
            problems.Add($"its final event {finals[0]} is not the last one: {summary}");
        else if (state.IsFinal && EventTypes.StatusOf(log[^1].Type) != state.Status)
            problems.Add($"its log ends with {log[^1]} but its status is {state.Status}: {summary}");

        var starts = log.Where(e => e.Type == EventTypes.ResearchStarted).ToList();
        if (starts.Count > 1 || (starts.Count == 1 && log[0].Type != EventTypes.ResearchStarted))
            problems.Add($"its log has {starts.Count} researchStarted events, expected at most one and first: {summary}");
        return problems;
    }

    /// <summary>A log in one line: sequence and type of each event.</summary>
    public static string Summary(IReadOnlyList<ServedEvent> log)
    {
        var text = new StringBuilder("[");
        text.AppendJoin(", ", log.Select(e => $"#{e.Sequence} {e.Type}"));
        return text.Append(']').ToString();
    }
}
