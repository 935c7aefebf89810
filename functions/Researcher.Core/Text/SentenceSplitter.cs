namespace Researcher.Core.Text;

/// <summary>
/// Splits a paragraph into sentences. A sentence ends at '.', '!' or '?' (with any closing quotes or
/// brackets) followed by white space and a character that can start a sentence. It does not end
/// after a known abbreviation or an initial ("e.g.", "etc.", "J."), inside a `code span`, inside a
/// number ("3.11"), before a lower-case word, or inside brackets that close later in the paragraph
/// ("(As expected, ... and vice versa. An equivalent expression is ....)" is one sentence, so no
/// sentence is left with a bracket it does not close). Text after the last end is a sentence too.
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "etc", "vs", "cf", "al", "approx", "fig", "no", "nr", "mr", "mrs", "ms", "dr", "prof",
        "inc", "ltd", "co", "jr", "sr", "st", "vol", "p", "pp", "ch", "sec", "eq", "ca", "resp", "incl",
    };

    private static readonly HashSet<char> Closers = ['"', '\'', ')', ']', '”', '’', '»'];

    /// <summary>The sentences of <paramref name="paragraph"/>, trimmed, in order; none for blank text.</summary>
    public static IReadOnlyList<string> Split(string paragraph)
    {
        var sentences = new List<string>();
        var paired = PairedBrackets(paragraph);
        var start = 0;
        var inCode = false;
        var depth = 0;
        for (var i = 0; i < paragraph.Length; i++)
        {
            var c = paragraph[i];
            if (c == '`') inCode = !inCode;
            if (inCode) continue;
            if (paired.Contains(i)) depth += c is '(' or '[' ? 1 : -1;
            if (c is not ('.' or '!' or '?')) continue;

            // The closing quotes and brackets after the stop end the sentence with it: "... vice versa.)"
            var end = i + 1;
            var depthAfter = depth;
            for (; end < paragraph.Length && Closers.Contains(paragraph[end]); end++)
                if (paired.Contains(end)) depthAfter--;
            if (depthAfter > 0) continue;
            if (end < paragraph.Length && !char.IsWhiteSpace(paragraph[end])) continue;

            var next = end;
            while (next < paragraph.Length && char.IsWhiteSpace(paragraph[next])) next++;
            if (next < paragraph.Length && !CanStartSentence(paragraph[next])) continue;
            if (c == '.' && EndsWithAbbreviation(paragraph, i)) continue;

            Add(sentences, paragraph[start..end]);
            depth = depthAfter;
            start = next;
            i = next - 1;
        }
        Add(sentences, paragraph[start..]);
        return sentences;
    }

    /// <summary>
    /// The positions, outside code spans, of the brackets of <paramref name="paragraph"/> that make a
    /// pair: an opener and the closer of its kind that closes it. A stray closer ("1) first") or an
    /// opener never closed (a smiley's) is in no pair.
    /// </summary>
    private static HashSet<int> PairedBrackets(string paragraph)
    {
        var paired = new HashSet<int>();
        var opened = new List<(char Bracket, int Position)>();
        var inCode = false;
        for (var i = 0; i < paragraph.Length; i++)
        {
            var c = paragraph[i];
            if (c == '`') inCode = !inCode;
            if (inCode) continue;
            if (c is '(' or '[')
            {
                opened.Add((c, i));
                continue;
            }
            if (c is not (')' or ']')) continue;
            var opener = opened.FindLastIndex(o => o.Bracket == (c == ')' ? '(' : '['));
            if (opener < 0) continue;
            paired.Add(opened[opener].Position);
            paired.Add(i);
            // Openers after it were never closed: they pair with nothing.
            opened.RemoveRange(opener, opened.Count - opener);
        }
        return paired;
    }

    private static bool CanStartSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '"' or '\'' or '`' or '(' or '[' or '“' or '‘' or '*' or '_';

    /// <summary>True when the word before the period at <paramref name="periodIndex"/> is an abbreviation or a single-letter initial.</summary>
    private static bool EndsWithAbbreviation(string text, int periodIndex)
    {
        var wordStart = periodIndex;
        while (wordStart > 0 && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.')) wordStart--;
        var word = text[wordStart..periodIndex];
        return word.Length == 1 && char.IsLetter(word[0]) || Abbreviations.Contains(word);
    }

    private static void Add(List<string> sentences, string candidate)
    {
        var sentence = candidate.Trim();
        if (sentence.Length > 0) sentences.Add(sentence);
    }
}
