namespace Researcher.Core.Text;

/// <summary>An analysed query term and how much a match on it counts (1 for the user's own words).</summary>
internal sealed record WeightedTerm(string Term, double Weight);
