using System.ComponentModel.DataAnnotations;

namespace Researcher.Core.Llm;

/// <summary>
/// What one model costs, per million tokens, in <see cref="LlmOptions.Currency"/>: an entry of
/// <c>Research:Llm:Prices</c>. <see cref="Model"/> is the name as configured in
/// <see cref="LlmOptions.FastModel"/>, <see cref="LlmOptions.SmartModel"/> or
/// <see cref="LlmOptions.EmbeddingModel"/> (a deployment name on Azure), compared without case.
/// </summary>
public sealed class ModelPrice
{
    [Required]
    public string Model { get; set; } = "";

    [Range(0, 1_000_000)]
    public decimal InputPerMillionTokens { get; set; }

    [Range(0, 1_000_000)]
    public decimal OutputPerMillionTokens { get; set; }

    /// <summary>The cost of one call's tokens.</summary>
    public decimal CostOf(LlmUsage usage) =>
        (usage.InputTokens * InputPerMillionTokens + usage.OutputTokens * OutputPerMillionTokens) / 1_000_000m;
}
