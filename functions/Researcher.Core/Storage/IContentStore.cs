namespace Researcher.Core.Storage;

/// <summary>
/// Where large research data lives (page text, selected passages, reports), so that workflows
/// pass only names. Writes overwrite: names are deterministic, so a step that runs twice writes
/// the same content to the same name.
/// </summary>
public interface IContentStore
{
    Task PutTextAsync(string name, string content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>The stored text, or null when nothing is stored under that name.</summary>
    Task<string?> GetTextAsync(string name, CancellationToken cancellationToken = default);
}
