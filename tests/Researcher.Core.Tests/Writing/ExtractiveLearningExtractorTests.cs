using Microsoft.Extensions.Options;
using Moq;
using Researcher.Core.Context;
using Researcher.Core.Contracts;
using Researcher.Core.Planning;
using Researcher.Core.Search;
using Researcher.Core.Writing;

namespace Researcher.Core.Tests.Writing;

/// <summary>A deep-research branch's learnings and follow-ups without a language model.</summary>
public class ExtractiveLearningExtractorTests
{
    private const string Question = "Why do tides rise and fall twice a day?";

    private static readonly SubQuestion Query = new("2", "What raises the tides?", "What raises the tides");

    private static readonly IReadOnlyList<Passage> Passages =
    [
        new("tides.md", "Tides", "The Moon's pull", "The gravity of the Moon pulls the oceans toward it and raises a bulge of water on the near side of the Earth.", 3.0),
        new("tides.md", "Tides", "The far side", "A second bulge forms on the far side of the Earth, because the Moon pulls the Earth more strongly than the water there.", 2.6),
        new("sun.md", "The Sun and the Moon", "Spring tides", "Spring tides are the largest tides, when the Sun and the Moon pull in line at new and full moon.", 2.2),
        new("coasts.md", "Coasts", "Harbours and bays", "The shape of a bay can amplify the tidal range far beyond the open ocean's range of about a metre.", 1.9),
        new("coasts.md", "Coasts", "Tide tables", "Tide tables give the predicted times and heights of high and low water for each harbour.", 1.5),
    ];

    private static ExtractiveLearningExtractor Extractor() =>
        new(new ExtractivePlanner(Mock.Of<ISearchProvider>(), Options.Create(new ExtractivePlanningOptions())),
            Options.Create(new ExtractiveWritingOptions()), Options.Create(new ExtractivePlanningOptions()));

    private static LearningRequest Request(int maxFollowUps, params Learning[] known) =>
        new(Question, Query, Passages, known, maxFollowUps, WritingStyle.Default);

    [Fact]
    public async Task Learnings_are_the_passages_sentences_that_answer_the_query_each_with_its_source()
    {
        var learned = await Extractor().ExtractAsync(Request(2), CancellationToken.None);

        Assert.NotEmpty(learned.Learnings);
        Assert.Equal(Query, learned.Query);
        foreach (var learning in learned.Learnings)
        {
            var source = Assert.Single(learning.SourceLocations);
            Assert.Contains(Passages, p => p.SourceLocation == source && p.Text.Contains(learning.Text.TrimEnd('.'), StringComparison.Ordinal));
        }
        Assert.Contains(learned.Learnings, l => l.Text.Contains("gravity of the Moon", StringComparison.Ordinal));
        Assert.Equal(ResearchUsage.Zero, Extractor().Estimate(Request(2)));
    }

    [Fact]
    public async Task What_a_branch_above_already_learned_is_not_learned_again()
    {
        var first = await Extractor().ExtractAsync(Request(0), CancellationToken.None);
        var known = first.Learnings[0];

        var again = await Extractor().ExtractAsync(Request(0, known), CancellationToken.None);

        Assert.DoesNotContain(again.Learnings, l => l.Text == known.Text);
    }

    [Fact]
    public async Task Follow_ups_come_from_the_passages_sections_several_candidates_per_child_and_none_at_the_last_level()
    {
        var learned = await Extractor().ExtractAsync(Request(1), CancellationToken.None);

        Assert.InRange(learned.FollowUps.Count, 2, new ExtractivePlanningOptions().CandidatesPerSubQuestion);
        Assert.All(learned.FollowUps, f => Assert.NotEqual(Query.Text, f.Query));
        Assert.All(learned.FollowUps, f => Assert.Contains(Passages, p => f.Goal.Contains(p.Section!, StringComparison.Ordinal)));
        Assert.Empty((await Extractor().ExtractAsync(Request(0), CancellationToken.None)).FollowUps);
    }

    [Fact]
    public async Task A_follow_up_is_asked_about_its_section_and_its_branch_searches_with_the_question_s_words()
    {
        var learned = await Extractor().ExtractAsync(Request(1), CancellationToken.None);

        var spring = Assert.Single(learned.FollowUps, f => f.Goal.Contains("Spring tides", StringComparison.Ordinal));
        Assert.Equal("What are spring tides?", spring.Question);
        Assert.Equal("What does “Spring tides” say about “Why do tides rise and fall twice a day”?", spring.Query);
        Assert.Equal(new SubQuestion("2.1", "What are spring tides?", spring.Goal, spring.Query), spring.Branch("2.1"));
        Assert.Equal(new SubQuestion("2.1", "spring tide range", "Spring tides"), new FollowUpQuery("spring tide range", "Spring tides").Branch("2.1"));
    }
}
