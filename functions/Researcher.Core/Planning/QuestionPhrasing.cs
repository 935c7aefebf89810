using System.Text.RegularExpressions;
using Humanizer;
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
    /// What to search for on behalf of a sub-question about the section or document
    /// <paramref name="focus"/>: what it (quoted as written) says about <paramref name="question"/>,
    /// about how to do it for a how-to question, about its topic for a question about something,
    /// about the question itself, quoted, otherwise. The main question's words carry the search; the
    /// sub-question shown to the user (<see cref="Ask"/>) leaves them out.
    /// </summary>
    public static string Query(string focus, string question)
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

    /// <summary>
    /// The question a person would ask about the section heading or "document: section" title
    /// <paramref name="focus"/>, by the heading's form: a question is asked as it is; a heading that
    /// opens with a question word ("What happens when ...") as "Can you tell me what happens when
    /// ...?"; an instruction ("Cancel a research") as "How do I cancel a research?"; an activity
    /// ("Building Indexes Concurrently") as "How does building indexes concurrently work?"; a statement
    /// ("Progress is a log") as "What does it mean that progress is a log?"; a module with its
    /// description ("csv — CSV File Reading and Writing") as "What is csv for?"; a part of a document
    /// ("SELECT: Examples") as "What are the examples in SELECT?"; anything else, a name, as "What is
    /// ...?" or "What are ...?" by the number of its head noun. A title-case heading is asked in
    /// sentence case, keeping the capitals of words capitalised in <paramref name="question"/>.
    /// </summary>
    public static string Ask(string focus, string question)
    {
        var heading = PlainText.CollapseWhitespace(focus).Trim();
        // "How do I delete a file? (And other file questions…)" is asked without its aside.
        var questionMark = heading.IndexOf('?');
        if (questionMark > 0) return heading[..(questionMark + 1)];
        // Capitals the user wrote inside a sentence are a name's ("Python", "Windows").
        var words = question.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var keep = words.Where((word, index) => index > 0 && !words[index - 1].EndsWith('.') && !words[index - 1].EndsWith('?') && char.IsUpper(word[0]))
            .Select(word => word.Trim(',', ';', '.', '?', '!', ':')).ToHashSet(StringComparer.Ordinal);
        return AskAbout(heading.TrimEnd('.', ':', ' '), keep);
    }

    private static string AskAbout(string heading, IReadOnlySet<string> keep)
    {
        var colon = heading.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0)
        {
            var whole = heading[..colon].Trim();
            var part = heading[(colon + 2)..].Trim();
            // "Cancel a research: POST /api/research/{id}/cancel": the instruction, not its detail.
            if (FormOf(whole) is HeadingForm.Instruction or HeadingForm.Activity) return AskAbout(whole, keep);
            // A part of a part ("What’s New in Python 2.5: PEP 343: The ‘with’ statement") is asked about in the nearer one.
            if (part.Contains(": ", StringComparison.Ordinal)) return AskAbout(part, keep);
            // Otherwise a part of a document: "SELECT: Examples", "PEP 279: enumerate()". A name
            // written in lower case ("hashlib") or code takes no article.
            var name = NameOf(whole);
            var topic = SentenceCase(part, keep);
            var article = StartsWithDeterminer(topic) || LooksLikeCode(topic) || (char.IsLower(part[0]) && !part.Contains(' ')) ? "" : "the ";
            return FormOf(topic) == HeadingForm.Name
                ? $"{WhatIs(article + topic).TrimEnd('?')} in {name}?"
                : $"{AskAbout(part, keep).TrimEnd('?')} in {name}?";
        }

        var dash = heading.IndexOf(" — ", StringComparison.Ordinal);
        if (dash > 0 && !heading[..dash].Contains(' '))
            return $"What is {heading[..dash]} for?";

        var text = SentenceCase(NameOf(heading), keep);
        return FormOf(text) switch
        {
            HeadingForm.QuestionWord => $"Can you tell me {text}?",
            HeadingForm.Instruction => $"How do I {FirstPerson(text)}?",
            HeadingForm.Activity => $"How does {text} work?",
            HeadingForm.Statement => $"What does it mean that {text}?",
            _ => WhatIs(text),
        };
    }

    private enum HeadingForm { QuestionWord, Instruction, Activity, Statement, Name }

    /// <summary>The form of a heading, read from its function words (it has no part-of-speech tags).</summary>
    private static HeadingForm FormOf(string heading)
    {
        var words = Words(heading);
        if (words.Count == 0) return HeadingForm.Name;
        var first = words[0].ToLowerInvariant();
        if (QuestionWords.Contains(first)) return HeadingForm.QuestionWord;
        if (words.Count >= 2 && IsGerund(first)) return HeadingForm.Activity;
        // A verb followed by its object's determiner: "Cancel a research", "Configure your editor".
        if (words.Count >= 2 && first.All(char.IsLetter) && !Determiners.Contains(first) && !Prepositions.Contains(first)
            && Determiners.Contains(words[1].ToLowerInvariant()))
            return HeadingForm.Instruction;
        if (words.Skip(1).Any(word => Auxiliaries.Contains(word.ToLowerInvariant())) || HasFiniteVerb(words)) return HeadingForm.Statement;
        return HeadingForm.Name;
    }

    /// <summary>
    /// Whether a word after the first reads as a verb in the third person: it ends in "s" as a plural
    /// would (Humanizer's inflector) and is followed by what completes a verb rather than a noun, a
    /// participle, a number or a determiner ("A research stays running ...", "The endpoint answers
    /// 409"), where a plural noun ends the heading or meets a preposition ("The Azure resources",
    /// "Triggers on data changes").
    /// </summary>
    private static bool HasFiniteVerb(IReadOnlyList<string> words)
    {
        for (var i = 1; i < words.Count - 1; i++)
        {
            var word = words[i];
            if (!word.All(char.IsLower) || !word.EndsWith('s') || word.Singularize(inputIsKnownToBePlural: false) == word) continue;
            var next = words[i + 1];
            if (next.All(char.IsDigit) || Determiners.Contains(next.ToLowerInvariant())
                || (next.Length > 4 && next.All(char.IsLower) && (next.EndsWith("ing", StringComparison.Ordinal) || next.EndsWith("ed", StringComparison.Ordinal))))
                return true;
        }
        return false;
    }

    /// <summary>
    /// "What is ...?" or "What are ...?" about a name, by the number of its head noun (the last word
    /// before a preposition, a conjunction or a bracket; plural when the name joins two with "and"),
    /// with "the" before a common noun phrase of more words ("What is the event loop?"), though not
    /// before code, a name with capitals, or an activity's noun ("What is exception handling?").
    /// </summary>
    private static string WhatIs(string name)
    {
        var bracket = name.IndexOf(" (", StringComparison.Ordinal);
        var phrase = bracket > 0 ? name[..bracket] : name;
        var words = Words(phrase);
        var head = words.TakeWhile(word => !Prepositions.Contains(word.ToLowerInvariant()) && !Conjunctions.Contains(word.ToLowerInvariant())).ToList();
        if (head.Count == 0) return $"What is {name}?";
        if (head.Any(word => word.Equals("and", StringComparison.OrdinalIgnoreCase))) return $"What are {name}?";
        var noun = head[^1];
        var namedOrCode = LooksLikeCode(noun) || noun.All(c => !char.IsLetter(c) || char.IsUpper(c));
        if (!namedOrCode && !noun.Singularize(inputIsKnownToBePlural: false).Equals(noun, StringComparison.OrdinalIgnoreCase))
            return $"What are {name}?";
        var common = head.Count >= 2 && char.IsLower(name[0]) && !StartsWithDeterminer(name) && !LooksLikeCode(phrase) && !namedOrCode
            && !noun.EndsWith("ing", StringComparison.OrdinalIgnoreCase);
        return $"What is {(common ? "the " : "")}{name}?";
    }

    /// <summary>An activity's opening word: "Building", "Using", "Saving" (a vowel before "ing", so not "String" or "Thing").</summary>
    private static bool IsGerund(string word) =>
        word.Length >= 5 && word.EndsWith("ing", StringComparison.Ordinal) && word.All(char.IsLetter)
        && word[..^3].Any(c => "aeiouy".Contains(c));

    /// <summary>A document's name without the description after its dash: "csv — CSV File Reading and Writing" is "csv".</summary>
    private static string NameOf(string title)
    {
        var dash = title.IndexOf(" — ", StringComparison.Ordinal);
        return dash > 0 ? title[..dash].Trim() : title;
    }

    /// <summary>Code rather than words: a path, a call, an identifier with an underscore, or a dot or colon inside a word.</summary>
    private static bool LooksLikeCode(string text) =>
        text.IndexOfAny(['/', '(', '_', '{', '=', '<']) >= 0 || Words(text).Any(word => word.Trim('.', ':').IndexOfAny(['.', ':']) >= 0);

    private static bool StartsWithDeterminer(string text) => Words(text) is [var first, ..] && Determiners.Contains(first.ToLowerInvariant());

    /// <summary>An instruction as the asker's own: "Configure your editor" is "configure my editor".</summary>
    private static string FirstPerson(string instruction) =>
        string.Join(' ', instruction.Split(' ').Select(word => word.ToLowerInvariant() switch { "your" => "my", "yours" => "mine", _ => word }));

    /// <summary>
    /// A title-case heading ("Building Indexes Concurrently") in sentence case ("building indexes
    /// concurrently"), keeping acronyms, names with inner capitals and the words in
    /// <paramref name="keep"/>; any other heading with its first word lower-cased unless that is a name.
    /// </summary>
    private static string SentenceCase(string heading, IReadOnlySet<string> keep)
    {
        var words = heading.Split(' ');
        var longWords = words.Skip(1).Select(word => word.Trim(',', ';')).Where(word => word.Length >= 4 && word.All(c => char.IsLetter(c) || c == '-')).ToList();
        var titleCase = longWords.Count > 0 && longWords.All(word => char.IsUpper(word[0]));
        return string.Join(' ', words.Select((word, index) =>
            ((titleCase || index == 0) && IsCapitalised(word.Trim(',', ';')) && !keep.Contains(word.Trim(',', ';')))
            || (index == 0 && word == "A" && words.Length > 1) ? word.ToLowerInvariant() : word));
    }

    /// <summary>
    /// A word that is capitalised only as the start of a title or sentence: letters (and hyphens), a capital
    /// first letter, any other capital only after a hyphen ("Building", "Thread-Local"; not "PostgreSQL",
    /// "JSON", a single letter or the pronoun "I").
    /// </summary>
    private static bool IsCapitalised(string word) =>
        word.Length > 1 && char.IsUpper(word[0]) && word.All(c => char.IsLetter(c) || c == '-')
        && word.Select((c, i) => !char.IsUpper(c) || i == 0 || word[i - 1] == '-').All(ok => ok);

    private static List<string> Words(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(word => word.Trim(',', ';', '.', '(', ')', '“', '”', '"')).Where(word => word.Length > 0).ToList();

    // English function words: closed classes, the same for every corpus.
    private static readonly HashSet<string> QuestionWords = ["what", "what’s", "what's", "how", "where", "when", "why", "which", "who", "whom", "whose"];

    private static readonly HashSet<string> Determiners =
        ["a", "an", "the", "your", "my", "our", "their", "its", "his", "her", "this", "that", "these", "those", "each", "every", "all", "some", "any", "no", "it", "them"];

    private static readonly HashSet<string> Prepositions =
        ["of", "in", "on", "for", "via", "with", "to", "from", "by", "at", "about", "under", "between", "into", "over", "without", "as", "using", "per", "across", "after", "before", "during", "within"];

    private static readonly HashSet<string> Conjunctions =
        ["while", "if", "because", "unless", "until", "since", "although", "though", "once", "whether", "than", "so"];

    private static readonly HashSet<string> Auxiliaries =
        ["is", "are", "was", "were", "isn’t", "isn't", "aren’t", "aren't", "does", "do", "did", "doesn’t", "doesn't", "don’t", "don't",
         "can", "cannot", "can’t", "can't", "will", "won’t", "won't", "has", "have", "must", "should", "may", "might", "not", "never"];

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
