using System.Collections.Concurrent;
using Researcher.Core.Storage;

namespace Researcher.Testing;

/// <summary>The content store in memory: names map to text; a write overwrites, as the real stores do.</summary>
public sealed class InMemoryContentStore : IContentStore
{
    private readonly ConcurrentDictionary<string, string> contents = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => contents.Keys.ToList();

    public Task PutTextAsync(string name, string content, string contentType, CancellationToken cancellationToken = default)
    {
        contents[name] = content;
        return Task.CompletedTask;
    }

    public Task<string?> GetTextAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(contents.TryGetValue(name, out var content) ? content : null);
}
