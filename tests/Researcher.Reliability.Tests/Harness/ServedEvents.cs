using System.Collections.Concurrent;

namespace Researcher.Reliability.Tests.Harness;

/// <summary>
/// Every event any host served, by research and sequence, as first served. A client that has read
/// up to sequence n and reads again must see the same events for 1..n: an event served once never
/// changes, whichever host serves it and whatever happened in between (kills, outages, cancels).
/// <see cref="Record"/> throws at the first event served differently.
/// </summary>
public sealed class ServedEvents
{
    private readonly ConcurrentDictionary<(string ResearchId, long Sequence), (ServedEvent Event, string Host)> served = new();

    /// <summary>How many distinct events have been served.</summary>
    public int Count => served.Count;

    public void Record(string researchId, string host, IEnumerable<ServedEvent> events)
    {
        foreach (var servedEvent in events)
        {
            if (servedEvent.ResearchId != researchId)
                throw new ReliabilityException(
                    $"research {researchId}: host {host} served an event of research {servedEvent.ResearchId} in its log: {servedEvent.Json}");
            var first = served.GetOrAdd((researchId, servedEvent.Sequence), (servedEvent, host));
            if (first.Event.Json != servedEvent.Json)
                throw new ReliabilityException(
                    $"research {researchId}: event #{servedEvent.Sequence} changed after it was served.{Environment.NewLine}" +
                    $"  first served by host {first.Host}: {first.Event.Json}{Environment.NewLine}" +
                    $"  later served by host {host}: {servedEvent.Json}");
        }
    }

    /// <summary>The events of <paramref name="researchId"/> served so far, by sequence.</summary>
    public IReadOnlyList<ServedEvent> Of(string researchId) =>
        served.Where(entry => entry.Key.ResearchId == researchId).Select(entry => entry.Value.Event).OrderBy(e => e.Sequence).ToList();
}
