using Microsoft.DurableTask.Converters;

namespace Researcher.LocalHost.Engine;

/// <summary>
/// The one serialization of orchestration inputs, outputs, custom status and events in the local
/// host: the Durable Task SDK's System.Text.Json converter, as the Functions worker uses. The
/// worker's shims use it directly and the DurableTask.Core client through <see cref="Core"/>, so
/// what the client writes the orchestrations read, and the other way round.
/// </summary>
public static class EngineDataConverter
{
    /// <summary>For the SDK side (the orchestrator and activity shims).</summary>
    public static Microsoft.DurableTask.DataConverter Sdk { get; } = JsonDataConverter.Default;

    /// <summary>For the DurableTask.Core side (TaskHubClient): the same converter behind DurableTask.Core's interface.</summary>
    public static DurableTask.Core.Serializing.DataConverter Core { get; } = new CoreAdapter(Sdk);

    private sealed class CoreAdapter(Microsoft.DurableTask.DataConverter converter) : DurableTask.Core.Serializing.DataConverter
    {
        public override string? Serialize(object? value) => converter.Serialize(value);

        public override string? Serialize(object? value, bool formatted) => converter.Serialize(value);

        public override object? Deserialize(string? data, Type objectType) => converter.Deserialize(data, objectType);
    }
}
