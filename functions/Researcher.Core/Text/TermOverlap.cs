namespace Researcher.Core.Text;

/// <summary>How much two texts share, measured on their sets of analysed terms.</summary>
public static class TermOverlap
{
    /// <summary>Jaccard similarity: shared terms over all terms, from 0 (nothing shared) to 1 (the same terms); 1 for two empty sets.</summary>
    public static double Jaccard(IReadOnlySet<string> first, IReadOnlySet<string> second)
    {
        if (first.Count == 0 && second.Count == 0) return 1;
        var shared = first.Count(second.Contains);
        return (double)shared / (first.Count + second.Count - shared);
    }
}
