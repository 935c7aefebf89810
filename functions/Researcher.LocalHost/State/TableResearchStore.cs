using Azure;
using Azure.Data.Tables;
using Researcher.Core.Storage;
using Researcher.Core.Contracts;

namespace Researcher.LocalHost.State;

/// <summary>
/// The state of every research in one Azure Table (Azurite locally): one row per research, partition
/// key = research id. Writes merge only the properties they change, so a progress update never
/// erases the request, and a research is created once (creating an existing id fails).
/// </summary>
public sealed class TableResearchStore(TableClient table, TimeProvider timeProvider) : IResearchStore
{
    private const string RowKey = "research";
    private readonly SetUpOnce tableSetUp = new(cancellationToken => table.CreateIfNotExistsAsync(cancellationToken: cancellationToken));

    public async Task CreateAsync(string researchId, ResearchSpec spec, CancellationToken cancellationToken)
    {
        await tableSetUp.EnsureAsync(cancellationToken);
        var entity = new TableEntity(researchId, RowKey)
        {
            [nameof(ResearchRecord.Question)] = spec.Question,
            [nameof(ResearchRecord.ReportType)] = spec.ReportType.ToWireName(),
            [nameof(ResearchRecord.Status)] = nameof(ResearchRuntimeStatus.Pending),
            [nameof(ResearchRecord.Percent)] = 0,
            [nameof(ResearchRecord.CreatedAt)] = timeProvider.GetUtcNow(),
        };
        await table.AddEntityAsync(entity, cancellationToken);
    }

    public async Task<ResearchRecord?> GetAsync(string researchId, CancellationToken cancellationToken)
    {
        await tableSetUp.EnsureAsync(cancellationToken);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(researchId, RowKey, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? ToRecord(entity) : null;
    }

    public Task SetRunningAsync(string researchId, CancellationToken cancellationToken) =>
        MergeAsync(researchId, ResearchRuntimeStatus.Running, cancellationToken);

    public Task PublishAsync(string researchId, ResearchProgress progress, CancellationToken cancellationToken) =>
        MergeAsync(researchId, ResearchRuntimeStatus.Running, cancellationToken, entity =>
        {
            entity[nameof(ResearchRecord.Percent)] = progress.Percent;
            entity[nameof(ResearchRecord.CurrentStep)] = progress.Step;
            entity[nameof(ResearchRecord.Message)] = progress.Message;
        });

    public Task CompleteAsync(string researchId, string reportContentName, CancellationToken cancellationToken) =>
        MergeAsync(researchId, ResearchRuntimeStatus.Completed, cancellationToken, entity =>
        {
            entity[nameof(ResearchRecord.Percent)] = 100;
            entity[nameof(ResearchRecord.ReportContentName)] = reportContentName;
        });

    public Task FailAsync(string researchId, string reason, CancellationToken cancellationToken) =>
        MergeAsync(researchId, ResearchRuntimeStatus.Failed, cancellationToken, entity => entity[nameof(ResearchRecord.Failure)] = reason);

    public Task CancelAsync(string researchId, CancellationToken cancellationToken) =>
        MergeAsync(researchId, ResearchRuntimeStatus.Cancelled, cancellationToken);

    public async Task DeleteAsync(string researchId, CancellationToken cancellationToken)
    {
        await tableSetUp.EnsureAsync(cancellationToken);
        await table.DeleteEntityAsync(researchId, RowKey, ETag.All, cancellationToken);
    }

    private async Task MergeAsync(
        string researchId, ResearchRuntimeStatus status, CancellationToken cancellationToken, Action<TableEntity>? change = null)
    {
        await tableSetUp.EnsureAsync(cancellationToken);
        var entity = new TableEntity(researchId, RowKey)
        {
            [nameof(ResearchRecord.Status)] = status.ToString(),
            [nameof(ResearchRecord.UpdatedAt)] = timeProvider.GetUtcNow(),
        };
        change?.Invoke(entity);
        await table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    private static ResearchRecord ToRecord(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetString(nameof(ResearchRecord.Question)) ?? "",
        entity.GetString(nameof(ResearchRecord.ReportType)) ?? "",
        Enum.Parse<ResearchRuntimeStatus>(entity.GetString(nameof(ResearchRecord.Status)) ?? nameof(ResearchRuntimeStatus.Pending)),
        entity.GetInt32(nameof(ResearchRecord.Percent)) ?? 0,
        entity.GetString(nameof(ResearchRecord.CurrentStep)),
        entity.GetString(nameof(ResearchRecord.Message)),
        entity.GetDateTimeOffset(nameof(ResearchRecord.CreatedAt)) ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset(nameof(ResearchRecord.UpdatedAt)),
        entity.GetString(nameof(ResearchRecord.Failure)),
        entity.GetString(nameof(ResearchRecord.ReportContentName)));
}
