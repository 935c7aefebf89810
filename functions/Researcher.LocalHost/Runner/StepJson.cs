using System.Text.Json;

namespace Researcher.LocalHost.Runner;

/// <summary>
/// The serialization boundary every step and branch input and output crosses, with System.Text.Json's
/// default options as Durable Functions uses: a value that does not survive the round trip fails
/// here, not only in Azure.
/// </summary>
internal static class StepJson
{
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value);

    public static T Deserialize<T>(string json, string stepName) =>
        JsonSerializer.Deserialize<T>(json)
        ?? throw new InvalidOperationException($"Step '{stepName}' exchanged null where {typeof(T).Name} was expected.");
}
