using Azure;
using Azure.Data.Tables;
using Researcher.Core.Progress;

namespace Researcher.Core.Storage;

/// <summary>
/// The event log on Azure Table storage: one partition per research, one row per event whose row
/// key is the zero-padded sequence number, so rows sort in sequence order. Append-only: a row is
/// inserted, never replaced; appending the same event again finds its row and changes nothing (the
/// first copy, timestamp included, is kept), and a different event under a taken number is
/// refused, so what a client has read never changes.
/// The event itself is kept as JSON in one property.
/// </summary>
public sealed class TableEventLog(TableClient table) : IEventLog
{
    private const string EventProperty = "Event";
    private readonly SetUpOnce tableSetUp = new(cancellationToken => table.CreateIfNotExistsAsync(cancellationToken: cancellationToken));

    public async Task AppendAsync(ProgressEvent progressEvent, CancellationToken cancellationToken = default)
    {
        await tableSetUp.EnsureAsync(cancellationToken);
        var json = System.Text.Json.JsonSerializer.Serialize(progressEvent, Contracts.ResearchJson.Options);
        var entity = new TableEntity(progressEvent.ResearchId, RowKey(progressEvent.Sequence)) { [EventProperty] = json };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var stored = await table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, [EventProperty], cancellationToken);
            var storedEvent = System.Text.Json.JsonSerializer.Deserialize<ProgressEvent>(stored.Value.GetString(EventProperty), Contracts.ResearchJson.Options);
            if (storedEvent is null || !storedEvent.IsSameEventAs(progressEvent))
                throw new EventSequenceTakenException(progressEvent.ResearchId, progressEvent.Sequence);
        }
    }

    public async Task<IReadOnlyList<ProgressEvent>> ReadAsync(
        string researchId, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        await tableSetUp.EnsureAsync(cancellationToken);
        var events = new List<ProgressEvent>();
        if (maxCount <= 0) return events;

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {researchId} and RowKey gt {RowKey(afterSequence)}");
        var query = table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(maxCount, 1000), cancellationToken: cancellationToken);
        await foreach (var entity in query)
        {
            var json = entity.GetString(EventProperty);
            var progressEvent = System.Text.Json.JsonSerializer.Deserialize<ProgressEvent>(json, Contracts.ResearchJson.Options);
            if (progressEvent is not null) events.Add(progressEvent);
            if (events.Count >= maxCount) break;
        }
        return events;
    }

    private static string RowKey(long sequence) => Math.Max(sequence, 0).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
}
