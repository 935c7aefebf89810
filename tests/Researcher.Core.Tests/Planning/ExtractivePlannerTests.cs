using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Moq;
using Researcher.Core.Planning;
using Researcher.Core.Search;

namespace Researcher.Core.Tests.Planning;

public sealed class ExtractivePlannerTests
{
    private static ExtractivePlanner Planner(params SearchHit[] hits) => Planner(null, hits);

    private static ExtractivePlanner Planner(IEmbeddingGenerator<string, Embedding<float>>? model, params SearchHit[] hits)
    {
        var search = new Mock<ISearchProvider>();
        search.Setup(s => s.SearchAsync(It.IsAny<string>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, int max, CancellationToken _) => hits.Take(max).ToList());
        return new ExtractivePlanner(search.Object, Options.Create(new ExtractivePlanningOptions()), model);
    }

    /// <summary>An embedding model that gives every text the vector of the first word of the table it contains (the question's: [1, 0, 0]).</summary>
    private static IEmbeddingGenerator<string, Embedding<float>> Model(Dictionary<string, float[]> vectorsByWord)
    {
        var model = new Mock<IEmbeddingGenerator<string, Embedding<float>>>();
        model.Setup(m => m.GenerateAsync(It.IsAny<IEnumerable<string>>(), It.IsAny<EmbeddingGenerationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IEnumerable<string> texts, EmbeddingGenerationOptions? _, CancellationToken _) => new GeneratedEmbeddings<Embedding<float>>(
                texts.Select(text => new Embedding<float>(
                    vectorsByWord.FirstOrDefault(entry => text.Contains(entry.Key, StringComparison.Ordinal)).Value ?? [1f, 0f, 0f]))));
        return model.Object;
    }

    private static SearchHit Hit(string location, string title, string? section, double score) => new(location, title, section, score, "");

    [Fact]
    public async Task The_first_sub_question_is_the_question_itself()
    {
        var plan = await Planner().PlanAsync("How do I cancel a research?", 4, CancellationToken.None);

        var first = Assert.Single(plan.SubQuestions);
        Assert.Equal(new SubQuestion("q0", "How do I cancel a research?", "Cancel a research"), first);
    }

    [Fact]
    public async Task Other_sub_questions_come_from_distinct_relevant_sections()
    {
        var planner = Planner(
            Hit("asyncio.html", "asyncio", "Event loop", 10),
            Hit("tasks.html", "asyncio tasks", "Coroutines", 9),
            Hit("loop.html", "Event loop", "Event loop", 8),
            Hit("queues.html", "asyncio queues", "Queues", 7));

        var plan = await planner.PlanAsync("What is asyncio?", 4, CancellationToken.None);

        Assert.Equal(["q0", "q1", "q2", "q3"], plan.SubQuestions.Select(q => q.Key));
        Assert.Equal(["Asyncio", "asyncio: Event loop", "asyncio tasks: Coroutines", "asyncio queues"], plan.SubQuestions.Select(q => q.Title));
        Assert.Equal("What is the event loop?", plan.SubQuestions[1].Text);
        Assert.Equal("What does “Event loop” say about asyncio?", plan.SubQuestions[1].Query);
        Assert.Equal(plan.SubQuestions[1].Query, plan.SubQuestions[1].SearchText);
    }

    [Fact]
    public async Task A_section_whose_heading_is_a_question_is_asked_in_its_own_words()
    {
        var plan = await Planner(Hit("faq.html", "Programming FAQ", "Why are default values shared between objects?", 5))
            .PlanAsync("Why does my list keep the items from earlier calls?", 2, CancellationToken.None);

        Assert.Equal("Why are default values shared between objects?", plan.SubQuestions[1].Text);
        Assert.Null(plan.SubQuestions[1].Query);
        Assert.Equal("Why are default values shared between objects?", plan.SubQuestions[1].SearchText);
        Assert.Equal("Programming FAQ: Why are default values shared between objects?", plan.SubQuestions[1].Title);
    }

    [Fact]
    public async Task A_heading_other_documents_share_is_asked_about_with_its_document_title()
    {
        var plan = await Planner(
                new SearchHit("csv.html", "csv — CSV File Reading and Writing", "Examples", 5, "", SectionIsShared: true),
                Hit("reader.html", "Spreadsheets", "Reader objects", 4))
            .PlanAsync("How do I read rows from a spreadsheet?", 3, CancellationToken.None);

        Assert.Equal("What are the examples in csv?", plan.SubQuestions[1].Text);
        Assert.Equal("What does “csv — CSV File Reading and Writing: Examples” say about how to read rows from a spreadsheet?", plan.SubQuestions[1].Query);
        Assert.Equal("csv — CSV File Reading and Writing: Examples", plan.SubQuestions[1].Title);
        Assert.Equal("What are reader objects?", plan.SubQuestions[2].Text);
        Assert.Equal("What does “Reader objects” say about how to read rows from a spreadsheet?", plan.SubQuestions[2].Query);
    }

    [Fact]
    public async Task With_embeddings_a_topic_like_one_chosen_gives_way_to_a_new_one()
    {
        // Similarity to the question [1, 0, 0]: gather 0.95, wait 0.94 (and 0.9995 to gather), baking 0.1,
        // TaskGroup 0.92 (0.87 to gather). Chosen after gather, wait would add nothing new and baking
        // would be off the question.
        var model = Model(new()
        {
            ["gather"] = [0.95f, 0.31f, 0f],
            ["wait"] = [0.94f, 0.34f, 0f],
            ["baking"] = [0.1f, 0.99f, 0f],
            ["TaskGroup"] = [0.92f, 0f, 0.39f],
        });
        var hits = new[]
        {
            Hit("tasks.html", "Coroutines and Tasks", "Running tasks concurrently: gather", 10),
            Hit("sync.html", "Synchronization", "Waiting for tasks: wait", 9),
            Hit("bread.html", "Recipes", "Bread baking", 8),
            Hit("groups.html", "Task groups", "TaskGroup", 7),
        };

        var byMeaning = await Planner(model, hits).PlanAsync("How do I run coroutines at once?", 3, CancellationToken.None);
        var byScore = await Planner(hits).PlanAsync("How do I run coroutines at once?", 3, CancellationToken.None);

        Assert.Equal(["Coroutines and Tasks: Running tasks concurrently: gather", "Task groups: TaskGroup"], byMeaning.SubQuestions.Skip(1).Select(q => q.Title));
        Assert.Equal(["Coroutines and Tasks: Running tasks concurrently: gather", "Synchronization: Waiting for tasks: wait"], byScore.SubQuestions.Skip(1).Select(q => q.Title));
    }

    [Fact]
    public async Task How_to_questions_get_sub_questions_about_how_to_do_it()
    {
        var plan = await Planner(Hit("api.md", "HTTP API", "Status codes", 5)).PlanAsync("How can I cancel a research?", 3, CancellationToken.None);

        Assert.Equal("What are status codes?", plan.SubQuestions[1].Text);
        Assert.Equal("What does “Status codes” say about how to cancel a research?", plan.SubQuestions[1].Query);
    }

    [Fact]
    public async Task Section_numbers_and_a_heading_that_repeats_the_title_are_left_out()
    {
        var planner = Planner(
            Hit("windows.html", "4. Using Python on Windows", "4.8.4.1. Customization via INI files", 5),
            Hit("copy.html", "copy — Shallow and deep copy operations", "copy — Shallow and deep copy operations", 4));

        var plan = await planner.PlanAsync("Where do I keep settings?", 3, CancellationToken.None);

        Assert.Equal(["Using Python on Windows: Customization via INI files", "copy — Shallow and deep copy operations"],
            plan.SubQuestions.Skip(1).Select(q => q.Title));
        Assert.Equal("What is customization via INI files?", plan.SubQuestions[1].Text);
        Assert.Equal("What does “Customization via INI files” say about “Where do I keep settings”?", plan.SubQuestions[1].Query);
    }

    [Fact]
    public async Task The_pronoun_I_keeps_its_capital_inside_a_title()
    {
        var plan = await Planner().PlanAsync("I added new files; why are they not found?", 2, CancellationToken.None);

        Assert.Equal("I added new files; why are they not found", plan.SubQuestions[0].Title);
    }

    [Fact]
    public async Task Weak_results_and_topics_the_question_already_names_are_not_planned()
    {
        var planner = Planner(
            Hit("cancel.md", "Cancelling", "Cancel a research", 10),
            Hit("api.md", "HTTP API", "Status codes", 8),
            Hit("misc.md", "Misc", "Unrelated trivia", 1));

        var plan = await planner.PlanAsync("How do I cancel a research?", 8, CancellationToken.None);

        Assert.Equal(["Cancel a research", "HTTP API: Status codes"], plan.SubQuestions.Select(q => q.Title));
    }

    [Fact]
    public async Task The_plan_never_exceeds_the_maximum_and_is_deterministic()
    {
        var hits = Enumerable.Range(0, 30).Select(i => Hit($"d{i}.md", $"Document {i}", $"Subject {(char)('a' + i % 26)}{i}", 10 - i * 0.1)).ToArray();

        var first = await Planner(hits).PlanAsync("What is a topic?", 5, CancellationToken.None);
        var second = await Planner(hits).PlanAsync("What is a topic?", 5, CancellationToken.None);
        var single = await Planner(hits).PlanAsync("What is a topic?", 1, CancellationToken.None);

        Assert.Equal(5, first.SubQuestions.Count);
        Assert.Equal(first.SubQuestions, second.SubQuestions);
        Assert.Single(single.SubQuestions);
    }
}
