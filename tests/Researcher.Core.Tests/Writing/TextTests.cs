using Researcher.Core.Text;

namespace Researcher.Core.Tests.Writing;

public sealed class TextTests
{
    [Theory]
    [InlineData("Use a tool, e.g. a hammer. Then stop.", new[] { "Use a tool, e.g. a hammer.", "Then stop." })]
    [InlineData("Python 3.11 is out. It is fast!", new[] { "Python 3.11 is out.", "It is fast!" })]
    [InlineData("Call `obj.run(). Next` now. Done?", new[] { "Call `obj.run(). Next` now.", "Done?" })]
    [InlineData("He said \"stop.\" Then he left.", new[] { "He said \"stop.\"", "Then he left." })]
    [InlineData("See Dr. Smith and J. Doe etc. for details.", new[] { "See Dr. Smith and J. Doe etc. for details." })]
    [InlineData("The value is 3. the rest is lower case.", new[] { "The value is 3. the rest is lower case." })]
    [InlineData("No terminal punctuation", new[] { "No terminal punctuation" })]
    [InlineData("It matches. (As expected, it fails otherwise. See NOT (a LIKE b).) Done.",
        new[] { "It matches.", "(As expected, it fails otherwise. See NOT (a LIKE b).)", "Done." })]
    [InlineData("Pick one [A. Yes. B. No.] now. Then go.", new[] { "Pick one [A. Yes. B. No.] now.", "Then go." })]
    [InlineData("1) Stray closer. Next one.", new[] { "1) Stray closer.", "Next one." })]
    [InlineData("Smile (never closed. Next one.", new[] { "Smile (never closed.", "Next one." })]
    [InlineData("Code `(` is not a bracket. Next one.", new[] { "Code `(` is not a bracket.", "Next one." })]
    public void Sentences_split_at_real_sentence_ends(string paragraph, string[] expected) =>
        Assert.Equal(expected, SentenceSplitter.Split(paragraph));

    [Theory]
    [InlineData("[x](http://a)", @"\[x\](http://a)")]
    [InlineData("<img src=x onerror=y>", @"\<img src=x onerror=y\>")]
    [InlineData("*bold* and _it_", @"\*bold\* and \_it\_")]
    [InlineData("# heading", @"\# heading")]
    [InlineData("keep `a*b [c]` code", "keep `a*b [c]` code")]
    [InlineData("lone ` tick", @"lone \` tick")]
    [InlineData("&lt;entity", @"\&lt;entity")]
    public void Markdown_escaping_neutralizes_syntax_but_keeps_code_spans(string text, string expected) =>
        Assert.Equal(expected, MarkdownText.Escape(text));

    [Theory]
    [InlineData("Cancelling research", "cancel research")]
    [InlineData("How do I cancel the researches?", "cancel research")]
    [InlineData("Research:Documents:MaxFiles", "research document max file researchdocumentsmaxfil")]
    [InlineData("asyncio.gather", "asyncio gather asynciogath")]
    public void Analysis_stems_drops_question_words_and_splits_identifiers(string text, string expected) =>
        Assert.Equal(expected.Split(' ').Order(), ResearchAnalyzer.Terms(text).Distinct().Order());
}
