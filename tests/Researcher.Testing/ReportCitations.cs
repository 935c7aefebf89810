using System.Text.RegularExpressions;

using Xunit;

namespace Researcher.Testing;

/// <summary>
/// Checks a Markdown report's citations: every [n] in the text names an entry of its numbered
/// Sources list, and every entry names a document of the corpus.
/// </summary>
public static partial class ReportCitations
{
    public static void AssertResolve(string markdown, TestCorpus corpus) =>
        AssertResolve(markdown, corpus.RelativePaths);

    /// <summary>
    /// Every [n] of the report's body is in its Sources list, numbered 1..n, and every listed source
    /// names one of <paramref name="locations"/> (documents of a corpus, or pages the research fetched).
    /// Returns the numbered entries.
    /// </summary>
    public static IReadOnlyDictionary<int, string> AssertResolve(string markdown, IReadOnlyCollection<string> locations)
    {
        var sourcesHeading = SourcesHeading().Match(markdown);
        Assert.True(sourcesHeading.Success, $"The report has no Sources section:\n{markdown}");
        var body = markdown[..sourcesHeading.Index];
        var sourcesSection = markdown[sourcesHeading.Index..];

        var sources = SourceEntry().Matches(sourcesSection)
            .ToDictionary(m => int.Parse(m.Groups["number"].Value), m => m.Groups["entry"].Value);
        Assert.NotEmpty(sources);
        Assert.Equal(Enumerable.Range(1, sources.Count), sources.Keys.Order());

        var citations = Citation().Matches(body).Select(m => int.Parse(m.Groups["number"].Value)).ToHashSet();
        Assert.NotEmpty(citations);
        Assert.All(citations, number => Assert.True(sources.ContainsKey(number), $"[{number}] is not in the Sources list:\n{markdown}"));
        Assert.All(sources.Values, entry => Assert.True(
            locations.Any(path => entry.Contains(path, StringComparison.Ordinal)),
            $"The source '{entry}' names none of the sources read ({string.Join(", ", locations)})."));
        return sources;
    }

    [GeneratedRegex(@"^#{1,6}\s*(Sources|References)\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex SourcesHeading();

    [GeneratedRegex(@"^\s*(?:[-*]\s*)?(?:\[(?<number>\d+)\]|(?<number>\d+)\.)\s+(?<entry>.+)$", RegexOptions.Multiline)]
    private static partial Regex SourceEntry();

    [GeneratedRegex(@"\[(?<number>\d+)\](?!\()")]
    private static partial Regex Citation();
}
