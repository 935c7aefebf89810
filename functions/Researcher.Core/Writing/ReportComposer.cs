using System.Text;
using Researcher.Core.Context;
using Researcher.Core.Text;

namespace Researcher.Core.Writing;

/// <summary>
/// Builds one report's markdown while keeping its promises: sources are numbered in order of first
/// citation, so every [n] in the text resolves to the sources list and every listed source is cited;
/// no sentence is used twice; text from sources is markdown-escaped.
/// </summary>
internal sealed class ReportComposer
{
    private readonly StringBuilder markdown = new();
    private readonly Dictionary<string, CitedSource> sourcesByLocation = new(StringComparer.Ordinal);
    private readonly List<CitedSource> sources = [];
    private readonly HashSet<string> usedSentences = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> gaps = [];
    private int citationCount;

    public void Heading(int level, string text) =>
        markdown.Append('#', level).Append(' ').Append(MarkdownText.Escape(PlainText.CollapseWhitespace(text))).Append("\n\n");

    /// <summary>Appends a paragraph written by the report itself (already markdown).</summary>
    public void Paragraph(string text) => markdown.Append(text).Append("\n\n");

    /// <summary>Appends bullet lines written by the report itself (already markdown).</summary>
    public void Bullets(IEnumerable<string> items)
    {
        foreach (var item in items)
            markdown.Append("- ").Append(item).Append('\n');
        markdown.Append('\n');
    }

    /// <summary>
    /// True when the sentence can be quoted now: its text is not yet in the report (whichever passage
    /// it came from), and it would not point at nothing, as it would if the sentence it refers to (its
    /// <see cref="EvidenceSentence.Antecedent"/>) were already in the report somewhere other than just
    /// before it (<paramref name="after"/>, the text quoted last in the same paragraph) and it had no
    /// heading to be quoted under instead.
    /// </summary>
    public bool CanQuote(EvidenceSentence sentence, string? after = null) =>
        !usedSentences.Contains(sentence.Text)
        && !(sentence.Antecedent is { } antecedent && sentence.Subject is null && antecedent != after && usedSentences.Contains(antecedent));

    /// <summary>True when the source at <paramref name="location"/> has been cited.</summary>
    public bool IsCited(string location) => sourcesByLocation.ContainsKey(location);

    /// <summary>
    /// The sentence, escaped, after its antecedent when it has one not yet in the report, or under its
    /// subject when it has one ("timeit — Measure execution time of small code snippets: This module
    /// provides ..."), followed by its citation; the sentence and its antecedent count as used from now on.
    /// </summary>
    public string Cite(EvidenceSentence sentence)
    {
        if (!usedSentences.Add(sentence.Text))
            throw new InvalidOperationException($"The sentence \"{sentence.Text}\" is already in the report.");
        var quoted = MarkdownText.Escape(sentence.Text);
        if (sentence.Antecedent is { } antecedent && usedSentences.Add(antecedent))
            quoted = $"{MarkdownText.Escape(antecedent)} {quoted}";
        else if (sentence.Subject is { } subject)
            quoted = $"{MarkdownText.Escape(subject)}{(subject[^1] is '?' or '!' or '.' or ':' ? " " : ": ")}{quoted}";
        return $"{quoted} {CitationOf(sentence.Passage)}";
    }

    /// <summary>
    /// Each of <paramref name="sentences"/> that <see cref="CanQuote">can be quoted</see> when it is
    /// reached, after the ones before it, cited (<see cref="Cite"/>): a paragraph.
    /// </summary>
    public IReadOnlyList<string> CiteEach(IEnumerable<EvidenceSentence> sentences)
    {
        var quoted = new List<string>();
        string? last = null;
        foreach (var sentence in sentences)
        {
            if (!CanQuote(sentence, last)) continue;
            quoted.Add(Cite(sentence));
            last = sentence.Text;
        }
        return quoted;
    }

    /// <summary>A citation of the passage's source ("[n]"), numbering the source at its first citation.</summary>
    public string CitationOf(Passage passage)
    {
        if (!sourcesByLocation.TryGetValue(passage.SourceLocation, out var source))
        {
            source = new CitedSource(sources.Count + 1, passage.SourceLocation, passage.SourceTitle);
            sourcesByLocation.Add(source.Location, source);
            sources.Add(source);
        }
        citationCount++;
        return $"[{source.Number}]";
    }

    /// <summary>Notes something the report could not cover; listed under "Gaps".</summary>
    public void AddGap(string gap) => gaps.Add(gap);

    /// <summary>Appends the gaps (when any) and the numbered sources list, and returns the finished report.</summary>
    public WrittenReport Finish()
    {
        var distinctGaps = gaps.Select(PlainText.CollapseWhitespace).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (distinctGaps.Count > 0)
        {
            Heading(2, "Gaps");
            Bullets(distinctGaps.Select(MarkdownText.Escape));
        }
        if (sources.Count > 0)
        {
            Heading(2, "Sources");
            foreach (var source in sources)
                markdown.Append($"{source.Number}. [{MarkdownText.Escape(source.Title)}]({MarkdownText.LinkDestination(source.Location)})\n");
        }
        var text = markdown.ToString().TrimEnd() + "\n";
        return new WrittenReport(text, sources, citationCount, PlainText.CountWords(text));
    }
}
