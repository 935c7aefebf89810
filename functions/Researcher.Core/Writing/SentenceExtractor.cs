using System.Text.RegularExpressions;
using Researcher.Core.Context;
using Researcher.Core.Text;

namespace Researcher.Core.Writing;

/// <summary>
/// Takes the usable sentences out of a report draft's passages: whole sentences of a reasonable
/// length that start like a sentence and end with a full stop or exclamation mark (a question
/// states nothing to quote: "... what could be simpler?"), and are mostly words. A sentence may
/// open with what it describes, "term: ", as the readers write a definition's term or a note's
/// label ("copy.deepcopy(x[, memo]): Return a deep copy of x."): it is enough that the text after
/// the term starts like a sentence. Fragments, headings, table rows, list lead-ins ("... as
/// follows:"), short cross-references ("See Deploying to Azure Functions.") and code (the readers
/// keep a code block as one code span, which is never split) are left out, and a sentence that
/// appears twice in one sub-question's passages is kept once (a passage shared by two sub-questions
/// stays available to both; the report still uses it once). A sentence that opens by referring to
/// the one before it (a pronoun, "However", "For example") keeps that sentence as its antecedent
/// when the antecedent is usable and does not refer back itself, so the report can quote the two
/// together; so does the second sentence of a definition of code ("`TaskGroup`: A context manager
/// that holds a group of tasks. Provides a way to wait for all of them."), whose subject is the
/// term the first one opens with. A sentence that opens its section by referring to what the heading
/// names ("This module provides a simple way to time small bits of Python code." first under
/// "timeit — Measure execution time of small code snippets") keeps that heading as its subject. A
/// sentence that refers back with neither an antecedent nor a subject is left out: alone, "This
/// regular expression matches ..." after a code example points at nothing.
/// </summary>
internal static partial class SentenceExtractor
{
    private const int MinWords = 5;

    /// <summary>A cross-reference this short only points elsewhere ("See Deploying to Azure Functions.").</summary>
    private const int MaxPointerWords = 12;
    private const double MinLetterShare = 0.6;

    public static IReadOnlyList<EvidenceSentence> Extract(IReadOnlyList<PassageSet> sections, ExtractiveWritingOptions options)
    {
        var sentences = new List<EvidenceSentence>();
        for (var sectionIndex = 0; sectionIndex < sections.Count; sectionIndex++)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var passage in sections[sectionIndex].Passages)
            {
                // Until its first usable sentence, lead-in or code, a passage that opens its section is at the section's start.
                var atSectionStart = passage.OpensSection;
                foreach (var paragraph in passage.Text.Split("\n\n"))
                {
                    string? previous = null;
                    var position = 0;
                    foreach (var raw in SentenceSplitter.Split(paragraph))
                    {
                        var text = PlainText.CollapseWhitespace(raw);
                        var refersBack = ReferringOpening().IsMatch(text);
                        var continuesDefinition = position++ == 1 && OpensWithCodeTerm(previous!) && !LeadingTerm().IsMatch(text);
                        var antecedent = previous is not null && (refersBack || continuesDefinition)
                            && !ReferringOpening().IsMatch(previous) && IsUsable(previous, options)
                            ? previous
                            : null;
                        var subject = atSectionStart && previous is null && HeadingReference().IsMatch(text)
                            ? SubjectOf(passage)
                            : null;
                        previous = text;
                        // A lead-in ("Use the reversed() function:") or code before it is what "This" would refer to.
                        var usable = IsUsable(text, options);
                        if (usable || text.EndsWith(':') || text.StartsWith('`')) atSectionStart = false;
                        // A sentence that refers to what comes before it with nothing to quote it with points at nothing.
                        var pointsAtNothing = refersBack && antecedent is null && subject is null;
                        if (!usable || pointsAtNothing || !seen.Add(text)) continue;
                        sentences.Add(new EvidenceSentence(text, passage, sectionIndex, sentences.Count, ResearchAnalyzer.DistinctTerms(text), antecedent, subject));
                    }
                }
            }
        }
        return sentences;
    }

    /// <summary>What a section's opening sentence refers to: the section's heading, else the document's title; null when neither names anything.</summary>
    private static string? SubjectOf(Passage passage)
    {
        var subject = PlainText.CollapseWhitespace(string.IsNullOrWhiteSpace(passage.Section) ? passage.SourceTitle : passage.Section);
        return subject.Length > 0 ? subject : null;
    }

    private static bool IsUsable(string text, ExtractiveWritingOptions options)
    {
        if (text.Length < options.MinSentenceCharacters || text.Length > options.MaxSentenceCharacters) return false;
        if (PlainText.CountWords(text) < MinWords) return false;
        var term = LeadingTerm().Match(text);
        if (!StartsLikeSentence(text[0]) && !(term.Success && StartsLikeSentence(text[term.Length]))) return false;
        var last = text.TrimEnd('"', '\'', ')', '”', '’').LastOrDefault();
        if (last is not ('.' or '!')) return false;

        if (Pointer().IsMatch(text) && PlainText.CountWords(text) <= MaxPointerWords) return false;

        var visible = text.Count(c => !char.IsWhiteSpace(c));
        return text.Count(char.IsLetter) >= visible * MinLetterShare;
    }

    /// <summary>
    /// Whether <paramref name="text"/> opens with a term that names code ("`TaskGroup`: ",
    /// "tempfile.mkstemp(suffix=None): "), what a definition describes, rather than a label ("Note: ",
    /// "Changed in version 3.11: ").
    /// </summary>
    private static bool OpensWithCodeTerm(string text) => LeadingTerm().Match(text) is { Success: true } term && CodeName().IsMatch(term.Value);

    private static bool StartsLikeSentence(char first) =>
        char.IsUpper(first) || char.IsDigit(first) || first is '`' or '"' or '“' or '(';

    /// <summary>A term and its colon before the text it opens, at most 150 characters ("Parameters: ", "csv.reader(csvfile, ...): ").</summary>
    [GeneratedRegex(@"^[^:\s][^:]{0,148}: (?=\S)", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingTerm();

    /// <summary>Code: a code span, a call, a dotted or snake_case name.</summary>
    [GeneratedRegex(@"`|\w\(|[A-Za-z_]\.[A-Za-z_]|[A-Za-z0-9]_[A-Za-z0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex CodeName();

    [GeneratedRegex(@"^(?:It|This|That|These|Those|They|Its|Their|He|She|However|But|Also|Thus|Hence|Therefore|Otherwise|Instead|Still|Nevertheless|Similarly|Likewise|For (?:example|instance)|In (?:addition|this case|that case))\b", RegexOptions.CultureInvariant)]
    private static partial Regex ReferringOpening();

    /// <summary>An opening that refers to what the heading above names ("This module ...", "It ...") rather than to a sentence before.</summary>
    [GeneratedRegex(@"^(?:It|Its|This|These|They|Their)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HeadingReference();

    [GeneratedRegex(@"^(?:See|Refer to|For (?:more|details|further)[^,]{0,40}, see)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Pointer();
}
