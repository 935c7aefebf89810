using System.Text.RegularExpressions;
using Researcher.Core.Text;

namespace Researcher.Core.Planning;

/// <summary>
/// Reads the topic out of a question's wording: "How do I cancel a research?" is about "cancel a
/// research", "What is the event log?" about "the event log", "What does asyncio.gather do?" about
/// "asyncio.gather". Other questions are their own topic, without the question mark.
/// </summary>
internal static partial class QuestionPhrasing
{
    /// <summary>
    /// A sub-question asking what the section or document <paramref name="focus"/> (quoted as written)
    /// says about <paramref name="question"/>: about how to do it for a how-to question, about its
    /// topic for a question about something, about the question itself, quoted, otherwise.
    /// </summary>
    public static string SubQuestion(string focus, string question)
    {
        var (topic, form) = Read(question);
        var about = form switch
        {
            QuestionForm.HowTo => $"how to {topic}",
            QuestionForm.About => topic,
            _ => $"“{UpperFirst(topic)}”",
        };
        return $"What does “{focus}” say about {about}?";
    }

    /// <summary>A heading for the question itself: its topic with a capital first letter, at most <paramref name="maxCharacters"/> long.</summary>
    public static string Title(string question, int maxCharacters) => Shorten(UpperFirst(Read(question).Topic), maxCharacters);

    /// <summary><paramref name="text"/> cut at a word boundary to at most <paramref name="maxCharacters"/>, with an ellipsis when cut.</summary>
    public static string Shorten(string text, int maxCharacters)
    {
        if (text.Length <= maxCharacters) return text;
        var cut = text.LastIndexOf(' ', maxCharacters - 1);
        return text[..(cut > 0 ? cut : maxCharacters - 1)].TrimEnd() + "…";
    }

    /// <summary>A heading without the section number it may start with: "4.8.4.1. Customization via INI files" is "Customization via INI files".</summary>
    public static string WithoutNumbering(string heading) => SectionNumber().Replace(heading, "");

    /// <summary>
    /// Lower-cases the first letter unless the first word looks like a name or an acronym (a second
    /// capital letter, a digit or code) or is the pronoun "I".
    /// </summary>
    private static string LowerFirst(string text)
    {
        if (text.Length == 0 || !char.IsUpper(text[0])) return text;
        var firstWord = text.Split(' ')[0];
        return firstWord == "I" || firstWord.StartsWith("I'", StringComparison.Ordinal) || firstWord.StartsWith("I’", StringComparison.Ordinal)
            || firstWord.Skip(1).Any(c => char.IsUpper(c) || char.IsDigit(c) || !char.IsLetter(c))
            ? text
            : char.ToLowerInvariant(text[0]) + text[1..];
    }

    /// <summary>
    /// The topic of <paramref name="question"/> as it would continue a sentence (lower-case first word
    /// unless it is a name), and the form of the question: how to do something ("How do I ...?"), about
    /// something ("What is ...?", "What does X do?"), or another form, whose topic is the whole question.
    /// </summary>
    private static (string Topic, QuestionForm Form) Read(string question)
    {
        var text = PlainText.CollapseWhitespace(question).TrimEnd('?', '.', '!', ' ');
        var match = Interrogative().Match(text);
        if (!match.Success) return (LowerFirst(text), QuestionForm.Other);
        return (match.Groups["topic"].Value, match.Groups["howTo"].Success ? QuestionForm.HowTo : QuestionForm.About);
    }

    private enum QuestionForm { HowTo, About, Other }

    private static string UpperFirst(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    [GeneratedRegex(@"^\s*\d+(?:\.\d+)*\.?\s+(?=\S)", RegexOptions.CultureInvariant)]
    private static partial Regex SectionNumber();

    [GeneratedRegex(@"^(?:(?<howTo>how\s+(?:do|can|could|should|would|shall)\s+(?:i|we|you|one)|how\s+to)|what\s+(?:is|are)|who\s+(?:is|are)|explain)\s+(?<topic>\S.*)$|^what\s+(?:does|do)\s+(?<topic>\S.*?)\s+do$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Interrogative();
}
