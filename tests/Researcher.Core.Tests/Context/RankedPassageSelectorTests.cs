using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Researcher.Core.Context;
using Researcher.Core.Planning;
using Researcher.Core.Reading;
using Researcher.Core.Text;

namespace Researcher.Core.Tests.Context;

public sealed class RankedPassageSelectorTests
{
    private static readonly SubQuestion Question = new("q0", "How are lighthouses maintained?", "Lighthouse maintenance");

    private static RankedPassageSelector Selector(
        PassageSelectionOptions? options = null, IEmbeddingGenerator<string, Embedding<float>>? embeddings = null) =>
        new(Options.Create(options ?? new PassageSelectionOptions { MaxPassageCharacters = 300 }), TiktokenTokenCounter.Instance, embeddings);

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
    public async Task The_most_relevant_passage_comes_first_and_keeps_its_source()
    {
        var sources = new[]
        {
            Document("ships.md", new SourceSection("Ships", ["Ships carry cargo across the sea and rarely stop at lighthouses."])),
            Document("upkeep.md", new SourceSection("Lighthouse maintenance", ["Lighthouses are maintained by keepers who clean the lamp and oil the machinery."])),
        };

        var passages = await Selector().SelectAsync(Question, sources, new PassageBudget(5, 5_000), CancellationToken.None);

        var best = passages[0];
        Assert.Equal("upkeep.md", best.SourceLocation);
        Assert.Equal("Title of upkeep.md", best.SourceTitle);
        Assert.Equal("Lighthouse maintenance", best.Section);
        Assert.True(best.Score > passages[^1].Score);
    }

    [Fact]
    public async Task The_budget_of_passages_and_characters_is_respected()
    {
        var sources = Enumerable.Range(0, 6)
            .Select(i => Document($"doc{i}.md", new SourceSection("Lighthouses", Enumerable.Range(0, 6).Select(p => Paragraph($"lighthouse {new string('i', i + 1)}", p)).ToList())))
            .ToList();

        var byCount = await Selector().SelectAsync(Question, sources, new PassageBudget(3, 100_000), CancellationToken.None);
        var byCharacters = await Selector().SelectAsync(Question, sources, new PassageBudget(100, 1_000), CancellationToken.None);

        Assert.Equal(3, byCount.Count);
        Assert.True(byCharacters.Sum(p => p.Text.Length) <= 1_000);
        Assert.NotEmpty(byCharacters);
    }

    [Fact]
    public async Task Only_the_passage_where_a_section_begins_is_marked_as_opening_it()
    {
        // Six paragraphs of about 100 characters each: three passages of at most 300 characters.
        var paragraphs = Enumerable.Range(0, 6).Select(p => Paragraph("lighthouse maintenance", p)).ToList();
        var sources = new[] { Document("upkeep.md", new SourceSection("Lighthouse maintenance", paragraphs)) };

        var passages = await Selector().SelectAsync(Question, sources, new PassageBudget(10, 100_000), CancellationToken.None);

        Assert.True(passages.Count > 1);
        var opening = Assert.Single(passages, p => p.OpensSection);
        Assert.StartsWith(paragraphs[0], opening.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_source_fills_at_most_its_share_of_the_budget_when_others_match()
    {
        var rich = Document("rich.md", new SourceSection("Lighthouse maintenance",
            Enumerable.Range(0, 20).Select(p => Paragraph($"the lighthouse maintained {p}", p)).ToList()));
        var other = Document("other.md", new SourceSection("Notes", ["A lighthouse in the north is maintained by volunteers each spring."]));

        var passages = await Selector().SelectAsync(Question, [rich, other], new PassageBudget(50, 2_000), CancellationToken.None);

        Assert.True(passages.Where(p => p.SourceLocation == "rich.md").Sum(p => p.Text.Length) <= 1_000);
        Assert.Contains(passages, p => p.SourceLocation == "other.md");
    }

    [Fact]
    public async Task A_single_matching_source_may_use_the_whole_budget()
    {
        var rich = Document("rich.md", new SourceSection("Lighthouse maintenance",
            Enumerable.Range(0, 20).Select(p => Paragraph($"lighthouse {new string('x', p + 1)}", p)).ToList()));

        var passages = await Selector().SelectAsync(Question, [rich], new PassageBudget(50, 2_000), CancellationToken.None);

        Assert.True(passages.Sum(p => p.Text.Length) > 1_000);
    }

    [Fact]
    public async Task Near_duplicate_passages_are_kept_once()
    {
        const string text = "Lighthouses are maintained by keepers who clean the lamp, polish the lens and record the weather.";
        var sources = new[]
        {
            Document("a.md", new SourceSection(null, [text])),
            Document("b.md", new SourceSection(null, [text.Replace("record", "log")])),
            Document("c.md", new SourceSection(null, ["Modern lighthouses are maintained remotely with sensors."])),
        };

        var passages = await Selector().SelectAsync(Question, sources, new PassageBudget(10, 10_000), CancellationToken.None);

        Assert.Equal(2, passages.Count);
        Assert.Single(passages, p => p.SourceLocation is "a.md" or "b.md");
    }

    [Fact]
    public async Task Long_paragraphs_are_cut_between_sentences_within_the_passage_size()
    {
        var longParagraph = string.Join(" ", Enumerable.Range(0, 30).Select(i => $"Sentence {i} is about lighthouse care."));
        var source = Document("long.md", new SourceSection("Care", [longParagraph]));

        var passages = await Selector(new PassageSelectionOptions { MaxPassageCharacters = 200 }).SelectAsync(Question, [source], new PassageBudget(100, 100_000), CancellationToken.None);

        Assert.True(passages.Count > 1);
        Assert.All(passages, p => Assert.True(p.Text.Length <= 200));
        Assert.All(passages, p => Assert.EndsWith("care.", p.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nothing_is_selected_when_no_passage_mentions_the_question()
    {
        var source = Document("ships.md", new SourceSection("Ships", ["Ships carry cargo across the sea."]));

        Assert.Empty(await Selector().SelectAsync(Question, [source], new PassageBudget(5, 5_000), CancellationToken.None));
    }

    [Fact]
    public async Task The_token_budget_bounds_token_dense_passages_that_the_character_budget_lets_through()
    {
        // Hexadecimal runs cost about one token per two or three characters, prose one per four or five.
        var sources = Enumerable.Range(0, 6)
            .Select(i => Document($"dump{i}.md", new SourceSection("Lighthouse maintenance",
                [$"Lighthouse maintained log {i}: " + string.Join(" ", Enumerable.Range(0, 12).Select(k => $"0x{(i * 977 + k * 131) * 7919:x8}"))])))
            .ToList();
        var budget = new PassageBudget(10, 100_000);
        var tokens = TiktokenTokenCounter.Instance;

        var bounded = await Selector(new PassageSelectionOptions { MaxPassageCharacters = 300, MaxTokensPerSubQuestion = 200 })
            .SelectAsync(Question, sources, budget, CancellationToken.None);
        var unbounded = await Selector(new PassageSelectionOptions { MaxPassageCharacters = 300, MaxTokensPerSubQuestion = 100_000 })
            .SelectAsync(Question, sources, budget, CancellationToken.None);

        Assert.NotEmpty(bounded);
        Assert.InRange(bounded.Sum(p => tokens.CountTokens(p.Text)), 1, 200);
        Assert.True(bounded.Sum(p => p.Text.Length) < 1_000, "the characters alone would have allowed every passage");
        Assert.Equal(6, unbounded.Count);
        Assert.All(bounded, p => Assert.Contains(p, unbounded));
    }

    [Fact]
    public async Task With_embeddings_a_passage_that_shares_no_word_with_the_question_can_still_be_kept()
    {
        var sources = new[]
        {
            Document("ships.md", new SourceSection("Ships", ["Ships carry cargo across the sea."])),
            Document("keepers.md", new SourceSection("Keepers", ["Keepers polish the lens and refill the oil every week."])),
        };
        var embeddings = new FakeEmbeddings(new()
        {
            [Question.Text] = [1, 0, 0],
            ["Ships carry cargo across the sea."] = [0, 1, 0],
            ["Keepers polish the lens and refill the oil every week."] = [0.9f, 0.1f, 0],
        });

        var withoutEmbeddings = await Selector().SelectAsync(Question, sources, new PassageBudget(1, 5_000), CancellationToken.None);
        var withEmbeddings = await Selector(embeddings: embeddings).SelectAsync(Question, sources, new PassageBudget(1, 5_000), CancellationToken.None);

        Assert.Empty(withoutEmbeddings);
        var kept = Assert.Single(withEmbeddings);
        Assert.Equal(("keepers.md", "Title of keepers.md", "Keepers"), (kept.SourceLocation, kept.SourceTitle, kept.Section));
    }

    [Fact]
    public async Task With_embeddings_a_paraphrase_of_a_kept_passage_gives_way_to_a_passage_with_something_new()
    {
        const string first = "Lighthouses are maintained by keepers who clean the lamp.";
        const string paraphrase = "Keepers maintain a lighthouse by trimming wicks and winding the clockwork.";
        const string different = "Fresh paint protects a lighthouse tower from salt.";
        const string offTopic = "The harbour cafe sells tea.";
        var sources = new[]
        {
            Document("a.md", new SourceSection(null, [first])),
            Document("b.md", new SourceSection(null, [paraphrase])),
            Document("c.md", new SourceSection(null, [different])),
            Document("d.md", new SourceSection(null, [offTopic])),
        };
        // The paraphrase ranks second by BM25 (two question terms) and by similarity, but points where
        // the first does; the new passage is less similar to the question (0.69 against 0.89), yet far
        // from the first. The off-topic passage is the least similar, as a real pool has some.
        var embeddings = new FakeEmbeddings(new()
        {
            [Question.Text] = [1, 0, 0.5f],
            [first] = [1, 0, 0],
            [paraphrase] = [0.99f, 0.14f, 0],
            [different] = [0.3f, 0, 1],
            [offTopic] = [0, 1, 0],
        });
        var budget = new PassageBudget(2, 10_000);

        var byRelevanceAlone = await Selector(new PassageSelectionOptions { RelevanceWeight = 1.0 }, embeddings)
            .SelectAsync(Question, sources, budget, CancellationToken.None);
        var byMarginalRelevance = await Selector(new PassageSelectionOptions(), embeddings)
            .SelectAsync(Question, sources, budget, CancellationToken.None);

        Assert.Equal(["a.md", "b.md"], byRelevanceAlone.Select(p => p.SourceLocation));
        Assert.Equal(["a.md", "c.md"], byMarginalRelevance.Select(p => p.SourceLocation));
        Assert.True(byMarginalRelevance[0].Score > byMarginalRelevance[1].Score);
    }

    [Theory]
    [InlineData(0.0, "terms.md")]
    [InlineData(1.0, "meaning.md")]
    public async Task The_dense_weight_decides_whether_terms_or_meaning_pick_the_passage(double denseWeight, string expected)
    {
        const string byTerms = "Lighthouses are maintained on a schedule.";
        const string byMeaning = "Keepers trim the wicks and wind the clockwork every night.";
        var sources = new[] { Document("terms.md", new SourceSection(null, [byTerms])), Document("meaning.md", new SourceSection(null, [byMeaning])) };
        var embeddings = new FakeEmbeddings(new()
        {
            [Question.Text] = [1, 0],
            [byTerms] = [0.2f, 1],
            [byMeaning] = [1, 0.1f],
        });

        var kept = await Selector(new PassageSelectionOptions { DenseWeight = denseWeight }, embeddings)
            .SelectAsync(Question, sources, new PassageBudget(1, 10_000), CancellationToken.None);

        Assert.Equal(expected, Assert.Single(kept).SourceLocation);
    }

    [Fact]
    public async Task Embedding_inputs_are_cut_to_their_token_cap_and_sent_in_batches()
    {
        var longParagraph = "Lighthouse upkeep " + string.Join(" ", Enumerable.Range(0, 40).Select(i => $"step{i}"));
        var paragraphs = new[] { longParagraph, "Lighthouse lamps.", "Lighthouse lenses.", "Lighthouse stairs.", "Lighthouse paint." };
        var sources = paragraphs.Select((text, i) => Document($"d{i}.md", new SourceSection(null, [text]))).ToList();
        var embeddings = new FakeEmbeddings(vectorOf: text => [text.Length, 1]);
        var options = new PassageSelectionOptions { MaxPassageCharacters = 300, MaxEmbeddingInputTokens = 16, EmbeddingBatchSize = 2 };

        await Selector(options, embeddings).SelectAsync(Question, sources, new PassageBudget(5, 5_000), CancellationToken.None);

        var batches = embeddings.Batches.ToList();
        Assert.Equal(3, batches.Count); // the question and five passages, two at a time
        Assert.All(batches, batch => Assert.InRange(batch.Count, 1, 2));
        var inputs = batches.SelectMany(batch => batch).ToList();
        Assert.Contains(Question.Text, inputs);
        Assert.All(inputs, input => Assert.InRange(TiktokenTokenCounter.Instance.CountTokens(input), 1, 16));
        var cut = Assert.Single(inputs, input => input.StartsWith("Lighthouse upkeep", StringComparison.Ordinal));
        Assert.StartsWith(cut, longParagraph, StringComparison.Ordinal);
        Assert.True(cut.Length < longParagraph.Length);
    }

    [Fact]
    public async Task An_embedding_failure_fails_the_selection_instead_of_falling_back()
    {
        var source = Document("upkeep.md", new SourceSection(null, ["Lighthouses are maintained by keepers."]));
        var failing = new FakeEmbeddings(vectorOf: _ => throw new HttpRequestException("The embedding service is down."));

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() =>
            Selector(embeddings: failing).SelectAsync(Question, [source], new PassageBudget(5, 5_000), CancellationToken.None));

        Assert.Equal("The embedding service is down.", failure.Message);
    }

    [Fact]
    public async Task An_answer_with_too_few_vectors_is_a_failure()
    {
        var source = Document("upkeep.md", new SourceSection(null, ["Lighthouses are maintained by keepers."]));
        var short_ = new FakeEmbeddings(vectorOf: text => [1, 0], dropLast: true);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Selector(embeddings: short_).SelectAsync(Question, [source], new PassageBudget(5, 5_000), CancellationToken.None));

        Assert.Contains("2 texts with 1 vectors", failure.Message);
    }

    /// <summary>
    /// An embedding model whose vectors the test chooses: from a table of texts (any other text is a
    /// test error) or a function; records every batch it is sent.
    /// </summary>
    private sealed class FakeEmbeddings(
        Dictionary<string, float[]>? vectors = null, Func<string, float[]>? vectorOf = null, bool dropLast = false)
        : IEmbeddingGenerator<string, Embedding<float>>
    {
        public ConcurrentQueue<IReadOnlyList<string>> Batches { get; } = new();

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var batch = values.ToList();
            Batches.Enqueue(batch);
            var embeddings = batch.Select(text => new Embedding<float>(vectorOf?.Invoke(text) ?? vectors![text])).ToList();
            if (dropLast) embeddings.RemoveAt(embeddings.Count - 1);
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(embeddings));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
