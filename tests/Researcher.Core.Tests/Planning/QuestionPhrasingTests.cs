using System.Text.Json;
using Researcher.Core.Planning;

namespace Researcher.Core.Tests.Planning;

public sealed class QuestionPhrasingTests
{
    [Theory]
    // A question is asked as it is, without an aside after it.
    [InlineData("Why are default values shared between objects?", "Why are default values shared between objects?")]
    [InlineData("How do I delete a file? (And other file questions…)", "How do I delete a file?")]
    // A heading that opens with a question word.
    [InlineData("What happens when the browser tab closes", "Can you tell me what happens when the browser tab closes?")]
    // An instruction, without the detail after its colon, in the asker's own words.
    [InlineData("Cancel a research: POST /api/research/{id}/cancel", "How do I cancel a research?")]
    [InlineData("Configure your editor", "How do I configure my editor?")]
    // An activity, in sentence case.
    [InlineData("Building Indexes Concurrently", "How does building indexes concurrently work?")]
    [InlineData("Floating Point Arithmetic: Issues and Limitations", "How does floating point arithmetic work?")]
    // A statement.
    [InlineData("Progress is a log, not a stream", "What does it mean that progress is a log, not a stream?")]
    [InlineData("A research stays running after the host stopped", "What does it mean that a research stays running after the host stopped?")]
    [InlineData("The report endpoint answers 409", "What does it mean that the report endpoint answers 409?")]
    [InlineData("The Azure resources", "What are the Azure resources?")]
    [InlineData("Triggers on Data Changes", "What are triggers on data changes?")]
    // A module with its description, and a part of a document.
    [InlineData("csv — CSV File Reading and Writing", "What is csv for?")]
    [InlineData("SELECT: Examples", "What are the examples in SELECT?")]
    [InlineData("TRUNCATE: Description", "What is the description in TRUNCATE?")]
    [InlineData("PEP 279: enumerate()", "What is enumerate() in PEP 279?")]
    [InlineData("What’s New In Python 3.2: hashlib", "What is hashlib in What’s New In Python 3.2?")]
    [InlineData("What’s New in Python 2.5: PEP 343: The ‘with’ statement", "What is the ‘with’ statement in PEP 343?")]
    // A name: "is" or "are" by its head noun, "the" before a common noun phrase.
    [InlineData("Key Functions", "What are key functions?")]
    [InlineData("Dates and Times", "What are dates and times?")]
    [InlineData("Cautions about fork()", "What are cautions about fork()?")]
    [InlineData("File menu (Shell and Editor)", "What is the file menu (Shell and Editor)?")]
    [InlineData("Event loop", "What is the event loop?")]
    [InlineData("Customization via INI files", "What is customization via INI files?")]
    [InlineData("Exception Handling", "What is exception handling?")]
    [InlineData("Thread-Local Data", "What are thread-local data?")]
    [InlineData("JSON Types", "What are JSON types?")]
    [InlineData("ThreadPoolExecutor", "What is ThreadPoolExecutor?")]
    [InlineData("Research:Documents", "What is Research:Documents?")]
    [InlineData("CREATE DATABASE", "What is CREATE DATABASE?")]
    public void A_heading_is_asked_as_a_person_would_ask_about_it(string heading, string expected) =>
        Assert.Equal(expected, QuestionPhrasing.Ask(heading, "How do I get this done?"));

    [Fact]
    public void A_word_the_user_capitalised_keeps_its_capital()
    {
        Assert.Equal("How does using Python on Windows work?", QuestionPhrasing.Ask("Using Python On Windows", "Can I run it with Python on Windows?"));
        Assert.Equal("How does using python on windows work?", QuestionPhrasing.Ask("Using Python On Windows", "Python: can I run it?"));
    }

    [Fact]
    public void The_query_keeps_the_main_question_s_words()
    {
        Assert.Equal("What does “Event log” say about how to cancel a research?", QuestionPhrasing.Query("Event log", "How do I cancel a research?"));
        Assert.Equal("What does “Event log” say about the event log?", QuestionPhrasing.Query("Event log", "What is the event log?"));
        Assert.Equal("What does “Event log” say about “Why is it slow”?", QuestionPhrasing.Query("Event log", "Why is it slow?"));
    }

    [Fact]
    public void A_sub_question_stored_before_it_had_a_query_is_searched_for_by_its_text()
    {
        var stored = JsonSerializer.Deserialize<SubQuestion>("""{"Key":"q1","Text":"What does “Event log” say about it?","Title":"Event log"}""")!;

        Assert.Null(stored.Query);
        Assert.Equal("What does “Event log” say about it?", stored.SearchText);
        Assert.DoesNotContain("SearchText", JsonSerializer.Serialize(stored with { Query = "q" }));
    }
}
