using Researcher.Core.Text;

namespace Researcher.Core.Search;

/// <summary>Short extracts of a section shown with a search hit.</summary>
internal static class Snippets
{
    /// <summary>
    /// The sentence of <paramref name="body"/> that holds the most query terms (the first one on a
    /// tie) followed by the next ones while they fit, cut at a word boundary to at most
    /// <paramref name="maxCharacters"/> characters.
    /// </summary>
    public static string Best(string body, IReadOnlySet<string> queryTerms, int maxCharacters)
    {
        var sentences = body.Split('\n').SelectMany(SentenceSplitter.Split).ToList();
        if (sentences.Count == 0) return "";

        var best = 0;
        var bestMatches = -1;
        for (var i = 0; i < sentences.Count; i++)
        {
            var matches = ResearchAnalyzer.DistinctTerms(sentences[i]).Count(queryTerms.Contains);
            if (matches > bestMatches) (best, bestMatches) = (i, matches);
        }

        var snippet = sentences[best];
        for (var i = best + 1; i < sentences.Count && snippet.Length + 1 + sentences[i].Length <= maxCharacters; i++)
            snippet += " " + sentences[i];
        return Truncate(snippet, maxCharacters);
    }

    private static string Truncate(string text, int maxCharacters)
    {
        if (text.Length <= maxCharacters) return text;
        var cut = text.LastIndexOf(' ', maxCharacters - 1);
        return text[..(cut > 0 ? cut : maxCharacters - 1)].TrimEnd() + "…";
    }
}
