using System.ComponentModel.DataAnnotations;

namespace Researcher.Core.Search;

/// <summary>
/// Where a research searches: the documents folder (the offline default), one web search provider,
/// or several at once (<c>hybrid</c>, results merged by reciprocal rank fusion). Bound from
/// <c>Research:Search</c> (beside the local search's tuning); each web provider's endpoint and key
/// live in its own section (<c>Research:Search:Tavily</c>, ...).
/// </summary>
public sealed class SearchSourceOptions : IValidatableObject
{
    public const string SectionName = "Research:Search";

    public const string Local = "local";
    public const string Hybrid = "hybrid";

    /// <summary>Every value <see cref="Provider"/> takes, and each provider <see cref="HybridProviders"/> may name.</summary>
    public static readonly IReadOnlyList<string> Providers = [Local, "searxng", "tavily", "brave", "wikipedia", "arxiv", "duckduckgo"];

    /// <summary><c>local</c>, <c>searxng</c>, <c>tavily</c>, <c>brave</c>, <c>wikipedia</c>, <c>arxiv</c>, <c>duckduckgo</c> or <c>hybrid</c>.</summary>
    [Required]
    public string Provider { get; set; } = Local;

    /// <summary>With <c>hybrid</c>: the providers searched together, such as <c>local</c> and <c>wikipedia</c> (at least two).</summary>
    public List<string> HybridProviders { get; set; } = [];

    /// <summary>The providers a research searches, lower case, without repeats.</summary>
    public IReadOnlyList<string> Chosen() =>
        string.Equals(Provider, Hybrid, StringComparison.OrdinalIgnoreCase)
            ? HybridProviders.Select(p => p.Trim().ToLowerInvariant()).Distinct().ToList()
            : [Provider.Trim().ToLowerInvariant()];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var isHybrid = string.Equals(Provider, Hybrid, StringComparison.OrdinalIgnoreCase);
        if (!isHybrid && !Providers.Contains(Provider.Trim().ToLowerInvariant()))
            yield return new ValidationResult(
                $"{SectionName}:Provider must be one of {string.Join(", ", Providers)} or {Hybrid}; it is '{Provider}'.", [nameof(Provider)]);
        if (isHybrid)
        {
            var chosen = Chosen();
            if (chosen.Count < 2)
                yield return new ValidationResult($"{SectionName}:HybridProviders must name at least two providers when Provider is {Hybrid}.", [nameof(HybridProviders)]);
            foreach (var unknown in chosen.Where(p => !Providers.Contains(p)))
                yield return new ValidationResult(
                    $"{SectionName}:HybridProviders names '{unknown}', which is not one of {string.Join(", ", Providers)}.", [nameof(HybridProviders)]);
        }
    }
}
