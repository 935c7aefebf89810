using System.ComponentModel.DataAnnotations;

namespace Researcher.Core.Context;

/// <summary>How sources are cut into passages and which passages are kept. Bound from <c>Research:Passages</c>.</summary>
public sealed class PassageSelectionOptions
{
    public const string SectionName = "Research:Passages";

    /// <summary>Longest passage, in characters: consecutive paragraphs of a section are grouped up to this size.</summary>
    [Range(100, 100_000)]
    public int MaxPassageCharacters { get; set; } = 900;

    /// <summary>Largest share of a sub-question's character budget one source may fill when several sources match.</summary>
    [Range(0.1, 1.0)]
    public double MaxShareOfOneSource { get; set; } = 0.5;

    /// <summary>Term overlap (Jaccard, 0-1) at or above which a passage counts as a near-duplicate of one already kept.</summary>
    [Range(0.1, 1.0)]
    public double NearDuplicateSimilarity { get; set; } = 0.7;

    /// <summary>Bonus per question term found in the passage's section heading, as a multiple of that term's idf.</summary>
    [Range(0.0, 10.0)]
    public double HeadingBonus { get; set; } = 0.75;
}
