namespace Researcher.Core.Text;

/// <summary>
/// Splits a paragraph into sentences. A sentence ends at '.', '!' or '?' (with any closing quotes or
/// brackets) followed by white space and a character that can start a sentence. It does not end
/// after a known abbreviation or an initial ("e.g.", "etc.", "J."), inside a `code span`, inside a
/// number ("3.11"), or before a lower-case word. Text after the last end is a sentence too.
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
        var start = 0;
        var inCode = false;
        for (var i = 0; i < paragraph.Length; i++)
        {
            var c = paragraph[i];
            if (c == '`') inCode = !inCode;
            if (inCode || c is not ('.' or '!' or '?')) continue;

            var end = i + 1;
            while (end < paragraph.Length && Closers.Contains(paragraph[end])) end++;
            if (end < paragraph.Length && !char.IsWhiteSpace(paragraph[end])) continue;

            var next = end;
            while (next < paragraph.Length && char.IsWhiteSpace(paragraph[next])) next++;
            if (next < paragraph.Length && !CanStartSentence(paragraph[next])) continue;
            if (c == '.' && EndsWithAbbreviation(paragraph, i)) continue;

            Add(sentences, paragraph[start..end]);
            start = next;
            i = next - 1;
        }
        Add(sentences, paragraph[start..]);
        return sentences;
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
