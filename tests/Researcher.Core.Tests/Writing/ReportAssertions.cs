using System.Text.RegularExpressions;
using Researcher.Core.Writing;

namespace Researcher.Core.Tests.Writing;

/// <summary>Checks every report must pass, whatever its type and evidence.</summary>
public static partial class ReportAssertions
{
    /// <summary>The citation numbers in the report's text (before "## Sources"), escaped brackets excluded.</summary>
    public static IReadOnlyList<int> CitationsInText(WrittenReport report)
    {
        var body = report.Markdown.Split("\n## Sources\n")[0];
        return Citation().Matches(body).Select(m => int.Parse(m.Groups[1].Value)).ToList();
    }

    public static void CitationsResolveAndEverySourceIsCited(WrittenReport report)
    {
        var cited = CitationsInText(report);
        Assert.Equal(report.CitationCount, cited.Count);
        Assert.Equal(Enumerable.Range(1, report.Sources.Count), report.Sources.Select(s => s.Number));
        Assert.All(cited, n => Assert.InRange(n, 1, report.Sources.Count));
        Assert.Equal(report.Sources.Select(s => s.Number), cited.Distinct().Order());
        Assert.Equal(report.Sources.Select(s => s.Number), cited.Distinct());
        foreach (var source in report.Sources)
            Assert.Contains($"\n{source.Number}. [", report.Markdown, StringComparison.Ordinal);
    }

    public static void NoSentenceIsRepeated(WrittenReport report)
    {
        var sentences = CitedSentence().Matches(report.Markdown).Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.NotEmpty(sentences);
        Assert.Equal(sentences.Count, sentences.Distinct(StringComparer.Ordinal).Count());
    }

    public static void WordCountMatches(WrittenReport report) =>
        Assert.Equal(report.Markdown.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length, report.WordCount);

    [GeneratedRegex(@"(?<!\\)\[(\d+)\](?!\()")]
    private static partial Regex Citation();

    [GeneratedRegex(@"(?:^|\] |- |: )([^\[\n]+?) \[\d+\]", RegexOptions.Multiline)]
    private static partial Regex CitedSentence();
}
