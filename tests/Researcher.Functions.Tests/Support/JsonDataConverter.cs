using System.Text.Json;
using Microsoft.DurableTask;

namespace Researcher.Functions.Tests.Support;

/// <summary>Serializes like the worker's default (System.Text.Json, PascalCase out, case-insensitive in).</summary>
public sealed class JsonDataConverter : DataConverter
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public override string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    public override object? Deserialize(string? data, Type targetType) => data is null ? null : JsonSerializer.Deserialize(data, targetType, Options);
}
