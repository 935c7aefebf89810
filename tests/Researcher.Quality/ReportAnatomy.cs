using System.Text.RegularExpressions;

namespace Researcher.Quality;

/// <summary>A source as the report lists it: <c>n. [Title](location)</c> under "## Sources".</summary>
public sealed record ListedSource(int Number, string Title, string Location);

/// <summary>
/// A report read back from its Markdown alone, as a reader sees it: the summary, the prose of the
/// report (what its sentences say, without the title, headings, "Gaps" or "Sources"), the numbered
/// sources list and the citation numbers in the text. Prose and summary are unescaped, so they
/// read as the source's words did; code spans and escaped brackets are never taken for citations.
/// </summary>
public sealed partial class ReportAnatomy
{
    private const string SummaryHeading = "Summary";
    private const string GapsHeading = "Gaps";
    private const string SourcesHeading = "Sources";

    private ReportAnatomy(string summary, string prose, IReadOnlyList<ListedSource> sources, IReadOnlyList<int> citations)
    {
        Summary = summary;
        Prose = prose;
        Sources = sources;
        Citations = citations;
    }

    /// <summary>The text under "## Summary", unescaped (empty when the report has none).</summary>
    public string Summary { get; }

    /// <summary>The text of every section except "Gaps" and "Sources", headings left out, unescaped.</summary>
    public string Prose { get; }

    /// <summary>The numbered sources list at the end of the report, in its order.</summary>
    public IReadOnlyList<ListedSource> Sources { get; }

    /// <summary>Every citation number in the text before the sources list, in order, repeats included.</summary>
    public IReadOnlyList<int> Citations { get; }

    /// <summary>Citations whose number is not in the sources list.</summary>
    public int UnresolvedCitations => Citations.Count(n => Sources.All(s => s.Number != n));

    public static ReportAnatomy Parse(string markdown)
    {
        var sections = Sections(markdown);
        var sources = sections.Where(s => s.Heading == SourcesHeading)
            .SelectMany(s => s.Lines)
            .Select(line => SourceEntry().Match(line))
            .Where(match => match.Success)
            .Select(match => new ListedSource(int.Parse(match.Groups["number"].Value),
                Unescape(match.Groups["title"].Value), Uri.UnescapeDataString(match.Groups["location"].Value)))
            .ToList();
        var citations = sections.Where(s => s.Heading != SourcesHeading)
            .SelectMany(s => s.Lines)
            .SelectMany(line => Citation().Matches(CodeSpan().Replace(line, "")))
            .Select(match => int.Parse(match.Groups[1].Value))
            .ToList();
        return new ReportAnatomy(
            Text(sections.Where(s => s.Heading == SummaryHeading)),
            Text(sections.Where(s => s.Heading is not (null or GapsHeading or SourcesHeading))),
            sources,
            citations);
    }

    private static string Text(IEnumerable<(string? Heading, List<string> Lines)> sections) =>
        Unescape(string.Join("\n", sections.SelectMany(s => s.Lines).Where(line => line.Length > 0)));

    /// <summary>The lines under each "## " heading (the title's own section has a null heading); heading lines themselves left out.</summary>
    private static List<(string? Heading, List<string> Lines)> Sections(string markdown)
    {
        var sections = new List<(string? Heading, List<string> Lines)> { (null, []) };
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
                sections.Add((line[3..].Trim(), []));
            else if (!line.StartsWith('#'))
                sections[^1].Lines.Add(line);
        }
        return sections;
    }

    private static string Unescape(string markdown) => EscapedCharacter().Replace(markdown, "$1");

    [GeneratedRegex(@"^(?<number>\d+)\. \[(?<title>(?:\\.|[^\\\]])*)\]\((?<location>[^)]*)\)\s*$")]
    private static partial Regex SourceEntry();

    [GeneratedRegex(@"(?<!\\)\[(\d+)\](?!\()")]
    private static partial Regex Citation();

    [GeneratedRegex(@"(?<!\\)`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\\([\\`*_\[\]<>&~|#])")]
    private static partial Regex EscapedCharacter();
}
