using System.Text.Json;

namespace Researcher.Core.Storage;

/// <summary>Typed JSON on top of <see cref="IContentStore"/>.</summary>
public static class ContentStoreJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static Task PutJsonAsync<T>(this IContentStore store, string name, T value, CancellationToken cancellationToken = default) =>
        store.PutTextAsync(name, JsonSerializer.Serialize(value, Options), "application/json", cancellationToken);

    /// <summary>The stored value, or null when nothing is stored under that name.</summary>
    public static async Task<T?> TryGetJsonAsync<T>(this IContentStore store, string name, CancellationToken cancellationToken = default)
        where T : class =>
        await store.GetTextAsync(name, cancellationToken) is { } text ? JsonSerializer.Deserialize<T>(text, Options) : null;

    /// <summary>The stored value; throws <see cref="MissingContentException"/> when nothing is stored under that name.</summary>
    public static async Task<T> GetJsonAsync<T>(this IContentStore store, string name, CancellationToken cancellationToken = default)
    {
        var text = await store.GetTextAsync(name, cancellationToken) ?? throw new MissingContentException(name);
        return JsonSerializer.Deserialize<T>(text, Options) ?? throw new MissingContentException(name);
    }
}

/// <summary>A step asked for stored content that is not there.</summary>
public sealed class MissingContentException(string name) : Exception($"No content is stored under '{name}'.")
{
    public string Name { get; } = name;
}
