using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Researcher.Core.Text;

/// <summary>
/// The one English analysis every part of the engine uses (index, queries, passage ranking,
/// planning, writing), so that a word means the same term everywhere. It is EnglishAnalyzer's chain
/// (standard tokenizer, possessives, lower case, stop words, Porter stemming) with two additions:
/// identifiers are split into their words (<c>asyncio.gather</c>, <c>Research:Limits</c>,
/// <c>MaxFiles</c> also yield <c>gather</c>, <c>limits</c>, <c>files</c>), and the words questions
/// are phrased with (how, what, does, I, ...) are stop words, because they say nothing about the topic.
/// Instances are thread-safe (Lucene reuses token streams per thread).
/// </summary>
public sealed class ResearchAnalyzer : Analyzer
{
    public static LuceneVersion Version => LuceneVersion.LUCENE_48;

    /// <summary>The shared instance.</summary>
    public static ResearchAnalyzer Instance { get; } = new();

    private static readonly string[] QuestionWords =
    [
        "how", "what", "why", "when", "where", "which", "who", "whom", "whose", "whats",
        "do", "does", "did", "doing", "done", "can", "could", "should", "would", "may", "might", "must", "shall",
        "am", "been", "being", "has", "have", "had", "i", "me", "my", "we", "us", "our", "you", "your",
        "its", "it's", "about", "also", "any", "some", "there", "here", "so", "than", "too", "very", "just",
        "happen", "happens", "happened", "exactly", "please", "tell", "explain", "mean", "means", "relate", "relates",
    ];

    private static readonly CharArraySet StopWords = CreateStopWords();

    private const WordDelimiterFlags WordSplitting =
        WordDelimiterFlags.GENERATE_WORD_PARTS | WordDelimiterFlags.GENERATE_NUMBER_PARTS |
        WordDelimiterFlags.CATENATE_WORDS | WordDelimiterFlags.SPLIT_ON_CASE_CHANGE |
        WordDelimiterFlags.SPLIT_ON_NUMERICS | WordDelimiterFlags.STEM_ENGLISH_POSSESSIVE;

    /// <summary>The analysed terms of <paramref name="text"/> in order (stemmed, lower case, without stop words).</summary>
    public static IReadOnlyList<string> Terms(string text)
    {
        var terms = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return terms;

        using var stream = Instance.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
            terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    /// <summary>The distinct analysed terms of <paramref name="text"/>.</summary>
    public static IReadOnlySet<string> DistinctTerms(string text) => Terms(text).ToHashSet(StringComparer.Ordinal);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream result = new WordDelimiterFilter(Version, source, WordSplitting, null);
        result = new EnglishPossessiveFilter(Version, result);
        result = new LowerCaseFilter(Version, result);
        result = new StopFilter(Version, result, StopWords);
        result = new PorterStemFilter(result);
        return new TokenStreamComponents(source, result);
    }

    private static CharArraySet CreateStopWords()
    {
        var words = new CharArraySet(Version, EnglishAnalyzer.DefaultStopSet.Count + QuestionWords.Length, ignoreCase: true);
        foreach (var word in EnglishAnalyzer.DefaultStopSet)
            words.Add(word);
        foreach (var word in QuestionWords)
            words.Add(word);
        return words.AsReadOnly();
    }
}
