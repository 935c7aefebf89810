using Microsoft.Extensions.Options;
using Researcher.Core.Context;
using Researcher.Core.Planning;
using Researcher.Core.Reading;

namespace Researcher.Core.Tests.Context;

public sealed class RankedPassageSelectorTests
{
    private static readonly SubQuestion Question = new("q0", "How are lighthouses maintained?", "Lighthouse maintenance");

    private static RankedPassageSelector Selector(PassageSelectionOptions? options = null) =>
        new(Options.Create(options ?? new PassageSelectionOptions { MaxPassageCharacters = 300 }));

    private static SourceDocument Document(string location, params SourceSection[] sections) => new(location, $"Title of {location}", sections);

    private static readonly string[] Vocabulary =
    [
        "keepers", "lamp", "lens", "weather", "storm", "oil", "brass", "stairs", "paint", "glass", "fog", "horn",
        "rocks", "harbour", "tide", "gulls", "rope", "bell", "lantern", "beacon", "coast", "reef", "signal", "winter",
    ];

    /// <summary>A paragraph about <paramref name="topic"/> whose other words differ from every other paragraph's.</summary>
    private static string Paragraph(string topic, int index)
    {
        var words = Enumerable.Range(0, 8).Select(k => Vocabulary[(index * 7 + k * 5 + topic.Length) % Vocabulary.Length]).Distinct();
        return $"Paragraph {index} on {topic}: {string.Join(" ", words)} number{index}x{topic.Length} entry{index}.";
    }

    [Fact]
    public void The_most_relevant_passage_comes_first_and_keeps_its_source()
    {
        var sources = new[]
        {
            Document("ships.md", new SourceSection("Ships", ["Ships carry cargo across the sea and rarely stop at lighthouses."])),
            Document("upkeep.md", new SourceSection("Lighthouse maintenance", ["Lighthouses are maintained by keepers who clean the lamp and oil the machinery."])),
        };

        var passages = Selector().Select(Question, sources, new PassageBudget(5, 5_000));

        var best = passages[0];
        Assert.Equal("upkeep.md", best.SourceLocation);
        Assert.Equal("Title of upkeep.md", best.SourceTitle);
        Assert.Equal("Lighthouse maintenance", best.Section);
        Assert.True(best.Score > passages[^1].Score);
    }

    [Fact]
    public void The_budget_of_passages_and_characters_is_respected()
    {
        var sources = Enumerable.Range(0, 6)
            .Select(i => Document($"doc{i}.md", new SourceSection("Lighthouses", Enumerable.Range(0, 6).Select(p => Paragraph($"lighthouse {new string('i', i + 1)}", p)).ToList())))
            .ToList();

        var byCount = Selector().Select(Question, sources, new PassageBudget(3, 100_000));
        var byCharacters = Selector().Select(Question, sources, new PassageBudget(100, 1_000));

        Assert.Equal(3, byCount.Count);
        Assert.True(byCharacters.Sum(p => p.Text.Length) <= 1_000);
        Assert.NotEmpty(byCharacters);
    }

    [Fact]
    public void One_source_fills_at_most_its_share_of_the_budget_when_others_match()
    {
        var rich = Document("rich.md", new SourceSection("Lighthouse maintenance",
            Enumerable.Range(0, 20).Select(p => Paragraph($"the lighthouse maintained {p}", p)).ToList()));
        var other = Document("other.md", new SourceSection("Notes", ["A lighthouse in the north is maintained by volunteers each spring."]));

        var passages = Selector().Select(Question, [rich, other], new PassageBudget(50, 2_000));

        Assert.True(passages.Where(p => p.SourceLocation == "rich.md").Sum(p => p.Text.Length) <= 1_000);
        Assert.Contains(passages, p => p.SourceLocation == "other.md");
    }

    [Fact]
    public void A_single_matching_source_may_use_the_whole_budget()
    {
        var rich = Document("rich.md", new SourceSection("Lighthouse maintenance",
            Enumerable.Range(0, 20).Select(p => Paragraph($"lighthouse {new string('x', p + 1)}", p)).ToList()));

        var passages = Selector().Select(Question, [rich], new PassageBudget(50, 2_000));

        Assert.True(passages.Sum(p => p.Text.Length) > 1_000);
    }

    [Fact]
    public void Near_duplicate_passages_are_kept_once()
    {
        const string text = "Lighthouses are maintained by keepers who clean the lamp, polish the lens and record the weather.";
        var sources = new[]
        {
            Document("a.md", new SourceSection(null, [text])),
            Document("b.md", new SourceSection(null, [text.Replace("record", "log")])),
            Document("c.md", new SourceSection(null, ["Modern lighthouses are maintained remotely with sensors."])),
        };

        var passages = Selector().Select(Question, sources, new PassageBudget(10, 10_000));

        Assert.Equal(2, passages.Count);
        Assert.Single(passages, p => p.SourceLocation is "a.md" or "b.md");
    }

    [Fact]
    public void Long_paragraphs_are_cut_between_sentences_within_the_passage_size()
    {
        var longParagraph = string.Join(" ", Enumerable.Range(0, 30).Select(i => $"Sentence {i} is about lighthouse care."));
        var source = Document("long.md", new SourceSection("Care", [longParagraph]));

        var passages = Selector(new PassageSelectionOptions { MaxPassageCharacters = 200 }).Select(Question, [source], new PassageBudget(100, 100_000));

        Assert.True(passages.Count > 1);
        Assert.All(passages, p => Assert.True(p.Text.Length <= 200));
        Assert.All(passages, p => Assert.EndsWith("care.", p.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_is_selected_when_no_passage_mentions_the_question()
    {
        var source = Document("ships.md", new SourceSection("Ships", ["Ships carry cargo across the sea."]));

        Assert.Empty(Selector().Select(Question, [source], new PassageBudget(5, 5_000)));
    }
}
