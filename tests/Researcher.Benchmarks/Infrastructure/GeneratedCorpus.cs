using System.Text;

namespace Researcher.Benchmarks.Infrastructure;

/// <summary>
/// (A copy of the reliability suite's corpus, tests/Researcher.Reliability.Tests/Harness/GeneratedCorpus.cs.)
/// A folder of Markdown documents generated from a fixed seed, large enough that one research with
/// 8 sub-questions and 10 sources each runs about a hundred steps. Every paragraph mixes a few of
/// the <see cref="Question"/>'s words (so that every sub-question finds ten sources) into text drawn
/// from a large vocabulary of made-up words (so that no two documents look like copies of each
/// other, which the index would fold together); every section heading is a distinct pair of
/// made-up words (so that the planner finds eight distinct sub-questions).
/// </summary>
public static class GeneratedCorpus
{
    public const int Seed = 20261202;
    public const int DocumentCount = 300;
    private const int SectionsPerDocument = 4;
    private const int ParagraphsPerSection = 2;
    private const int SentencesPerParagraph = 3;

    /// <summary>The question every research over this corpus asks (each research plans and reads the same sources).</summary>
    public const string Question = "How do harbour keepers keep lantern signals visible through storms and tides?";

    private static readonly string[] QuestionWords = ["harbour", "keepers", "lantern", "signals", "visible", "storms", "tides"];
    private static readonly string[] Joiners = ["the", "and", "of", "with", "near", "after", "before", "under", "over", "beside"];
    private static readonly string[] Syllables =
        ["ba", "ke", "lo", "mi", "nu", "ra", "si", "to", "va", "ze", "dri", "fen", "gor", "hal", "jin", "mor", "pel", "sun", "tov", "wex", "yal", "cor", "dun", "fip"];

    /// <summary>Writes the corpus into <paramref name="folder"/> (created if needed); the same files every time.</summary>
    public static void WriteTo(string folder)
    {
        var random = new Random(Seed);
        var vocabulary = MadeUpWords(random, 4000, syllables: 3);
        var headingWords = MadeUpWords(random, 400, syllables: 2, exclude: vocabulary);
        var usedHeadings = new HashSet<string>(StringComparer.Ordinal);

        for (var document = 0; document < DocumentCount; document++)
        {
            var text = new StringBuilder();
            text.Append("# ").Append(Capitalize(Pick(random, vocabulary))).Append(' ').Append(Capitalize(Pick(random, vocabulary)))
                .Append(" notes ").Append(document + 1).AppendLine().AppendLine();
            for (var section = 0; section < SectionsPerDocument; section++)
            {
                string heading;
                do heading = $"{Capitalize(Pick(random, headingWords))} {Pick(random, headingWords)}";
                while (!usedHeadings.Add(heading));
                text.Append("## ").AppendLine(heading).AppendLine();
                for (var paragraph = 0; paragraph < ParagraphsPerSection; paragraph++)
                {
                    for (var sentence = 0; sentence < SentencesPerParagraph; sentence++)
                        text.Append(Sentence(random, vocabulary, heading)).Append(' ');
                    text.AppendLine().AppendLine();
                }
            }
            var subfolder = Path.Combine(folder, $"part{document % 10}");
            Directory.CreateDirectory(subfolder);
            File.WriteAllText(Path.Combine(subfolder, $"notes-{document + 1:D3}.md"), text.ToString());
        }
    }

    private static string Sentence(Random random, string[] vocabulary, string heading)
    {
        var words = new List<string>();
        var length = random.Next(12, 18);
        for (var i = 0; i < length; i++)
        {
            var roll = random.Next(10);
            words.Add(roll switch
            {
                < 2 => Pick(random, QuestionWords),
                < 4 => Pick(random, Joiners),
                _ => Pick(random, vocabulary),
            });
        }
        // The section talks about its heading, so that a sub-question about it finds it first.
        if (random.Next(2) == 0) words.Insert(random.Next(words.Count), heading.ToLowerInvariant());
        return Capitalize(string.Join(' ', words)) + ".";
    }

    private static string[] MadeUpWords(Random random, int count, int syllables, IReadOnlyCollection<string>? exclude = null)
    {
        var excluded = exclude is null ? new HashSet<string>() : new HashSet<string>(exclude);
        var unique = new HashSet<string>(StringComparer.Ordinal);
        var words = new List<string>(count);
        while (words.Count < count)
        {
            var word = string.Concat(Enumerable.Range(0, syllables).Select(_ => Pick(random, Syllables)));
            if (!excluded.Contains(word) && unique.Add(word)) words.Add(word);
        }
        return [.. words];
    }

    private static string Pick(Random random, string[] from) => from[random.Next(from.Length)];

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
