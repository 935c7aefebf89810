using System.Globalization;
using Researcher.Core.Progress;

namespace Researcher.LocalHost.Cli;

/// <summary>
/// The event log of a command-line research: kept in memory for the run and printed as each event
/// arrives, once per sequence number (a retried append prints nothing new; a different event under
/// a taken number is refused, as in every event log).
/// </summary>
public sealed class ConsoleEventLog(TextWriter output) : IEventLog
{
    private readonly Dictionary<(string ResearchId, long Sequence), ProgressEvent> events = [];
    private readonly Lock gate = new();

    public async Task AppendAsync(ProgressEvent progressEvent, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (!events.TryAdd((progressEvent.ResearchId, progressEvent.Sequence), progressEvent))
            {
                if (!events[(progressEvent.ResearchId, progressEvent.Sequence)].IsSameEventAs(progressEvent))
                    throw new EventSequenceTakenException(progressEvent.ResearchId, progressEvent.Sequence);
                return;
            }
        }
        var line = string.Create(CultureInfo.InvariantCulture, $"[{progressEvent.Percent,3}%] {progressEvent.Step}: {progressEvent.Message}");
        await output.WriteLineAsync(line.AsMemory(), cancellationToken);
    }

    public Task<IReadOnlyList<ProgressEvent>> ReadAsync(string researchId, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<ProgressEvent> page = events.Values
                .Where(e => e.ResearchId == researchId && e.Sequence > afterSequence)
                .OrderBy(e => e.Sequence)
                .Take(Math.Max(maxCount, 0))
                .ToList();
            return Task.FromResult(page);
        }
    }
}
