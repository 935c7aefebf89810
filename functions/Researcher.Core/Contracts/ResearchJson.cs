using System.Text.Json;
using System.Text.Json.Serialization;

namespace Researcher.Core.Contracts;

/// <summary>
/// The one JSON shape of the HTTP contract, used by both hosts: camelCase properties, enums as
/// camelCase strings, nulls omitted, and unknown request properties rejected (a misspelt field is
/// an error, not silently ignored).
/// </summary>
public static class ResearchJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
