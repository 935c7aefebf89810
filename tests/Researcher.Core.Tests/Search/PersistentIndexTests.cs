using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Researcher.Core.Embeddings;
using Researcher.Core.Search;
using Researcher.Core.Tests.Reading;

namespace Researcher.Core.Tests.Search;

/// <summary>The index kept on disk: opened as it is, refreshed for what changed, resumed after a failed build.</summary>
public sealed class PersistentIndexTests : IDisposable
{
    private readonly DocumentFolderFixture documents = new();
    private readonly DirectoryInfo indexes = Directory.CreateTempSubdirectory("researcher-indexes-");

    public void Dispose()
    {
        documents.Dispose();
        indexes.Delete(recursive: true);
    }

    private (LocalDocumentIndex Index, RecordingLogger<LocalDocumentIndex> Log) Index(
        WordEmbeddings model, int passageCharacters = 900, LocalSearchOptions? search = null,
        DocumentFolderFixture? of = null, bool removeMissingFolders = true)
    {
        var log = new RecordingLogger<LocalDocumentIndex>();
        var index = new LocalDocumentIndex((of ?? documents).Folder(), Options.Create(search ?? new LocalSearchOptions()), log,
            new DocumentIndexOptions { Path = indexes.FullName, RemoveMissingFolders = removeMissingFolders },
            new CachedEmbeddingGenerator(model), passageCharacters);
        return (index, log);
    }

    private static async Task<IReadOnlyList<string>> Find(LocalDocumentIndex index, string query) =>
        (await index.SearchAsync(query, 5, CancellationToken.None)).Select(hit => hit.Location).ToList();

    /// <summary>Searches once the index is whole: searches start before the passages are embedded.</summary>
    private static async Task<IReadOnlyList<string>> FindWhenEmbedded(LocalDocumentIndex index, string query)
    {
        await index.WarmUpAsync(CancellationToken.None);
        return await Find(index, query);
    }

    [Fact]
    public async Task A_second_index_of_an_unchanged_folder_opens_the_stored_one_without_parsing_or_embedding()
    {
        documents.Write("lamps.md", "# Lamps\n\nThe keeper trims the lamp at dusk.\n").Write("boats.md", "# Boats\n\nFerries cross the bay hourly.\n");
        var first = Index(new WordEmbeddings());
        Assert.Equal("lamps.md", (await FindWhenEmbedded(first.Index, "lamp"))[0]);
        first.Index.Dispose();

        var model = new WordEmbeddings();
        var (index, log) = Index(model);
        using (index)
        {
            Assert.Equal("boats.md", (await Find(index, "ferries"))[0]);
        }

        Assert.Contains(log.Entries, e => e.Message.StartsWith("Opened the index", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Entries, e => e.Message.StartsWith("Indexed", StringComparison.Ordinal));
        Assert.Equal(["ferries"], model.Embedded);
    }

    [Fact]
    public async Task Files_added_changed_and_removed_are_seen_by_the_next_index_which_embeds_only_their_passages()
    {
        documents
            .Write("lamps.md", "# Lamps\n\nThe keeper trims the lamp at dusk.\n")
            .Write("boats.md", "# Boats\n\nFerries cross the bay hourly.\n")
            .Write("tides.md", "# Tides\n\nHigh tide floods the causeway.\n");
        using (var first = Index(new WordEmbeddings()).Index) await FindWhenEmbedded(first, "lamp");

        documents.Write("lamps.md", "# Lamps\n\nThe keeper polishes the lens at dawn.\n").Write("birds.md", "# Birds\n\nGulls nest on the cliffs.\n");
        File.Delete(documents.PathOf("tides.md"));
        var model = new WordEmbeddings();
        var (index, log) = Index(model);
        using (index)
        {
            Assert.Equal("lamps.md", (await FindWhenEmbedded(index, "lens"))[0]);
            Assert.Equal("birds.md", (await Find(index, "gulls"))[0]);
            Assert.DoesNotContain("tides.md", await Find(index, "causeway"));
            Assert.Equal("boats.md", (await Find(index, "ferries"))[0]);
        }

        Assert.Contains(log.Entries, e => e.Message.StartsWith("Indexed 3 documents", StringComparison.Ordinal));
        Assert.Equal(
            new[] { "The keeper polishes the lens at dawn.", "Gulls nest on the cliffs.", "lens", "gulls", "causeway", "ferries" }.Order(StringComparer.Ordinal),
            model.Embedded.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_embedding_that_fails_part_way_leaves_bm25_searching_keeps_what_it_embedded_and_the_next_index_embeds_only_the_rest()
    {
        // Forty pages with nothing in common but the lighthouse, so none is left out as a copy of another.
        for (var i = 0; i < 40; i++)
            documents.Write($"page{i:D2}.md", $"# Page\n\nLighthouse {string.Join(' ', Enumerable.Range(0, 6).Select(j => Word(i * 6 + j)))}.\n");
        var failing = new WordEmbeddings(failAfterTexts: 32);
        var (first, firstLog) = Index(failing);
        using (first)
            Assert.Equal(5, (await FindWhenEmbedded(first, "lighthouse")).Count);

        var model = new WordEmbeddings();
        var (index, log) = Index(model);
        using (index)
            Assert.Equal(5, (await FindWhenEmbedded(index, "lighthouse")).Count);

        Assert.Contains(firstLog.Entries, e => e.Message.Contains("could not be embedded", StringComparison.Ordinal));
        Assert.Equal(32, failing.Embedded.Count);
        // The stored snapshot is opened as it is; only the passages the first index did not embed, and the question, are embedded.
        Assert.DoesNotContain(log.Entries, e => e.Message.StartsWith("Indexed", StringComparison.Ordinal));
        Assert.Equal(40 - 32 + 1, model.Embedded.Count);
    }

    [Fact]
    public async Task Searches_rank_with_bm25_while_the_passages_are_embedded_and_with_the_embeddings_once_they_are()
    {
        WriteHaltingAndStops();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var model = new WordEmbeddings(synonyms: new() { ["halt"] = "stop" }, gate: gate.Task);
        var (index, _) = Index(model);
        using (index)
        {
            Assert.Equal(["stops.md"], await Find(index, "how to stop the worker"));
            Assert.Equal(IndexPhase.Embedding, index.Progress.Phase);

            gate.SetResult();
            Assert.Contains("halting.md", await FindWhenEmbedded(index, "how to stop the worker"));
            Assert.Equal(IndexPhase.Ready, index.Progress.Phase);
        }
    }

    [Fact]
    public async Task A_second_index_searches_the_snapshot_another_is_still_embedding_and_then_uses_its_vectors()
    {
        WriteHaltingAndStops();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var synonyms = new Dictionary<string, string> { ["halt"] = "stop" };
        var (first, _) = Index(new WordEmbeddings(synonyms: synonyms, gate: gate.Task));
        var secondModel = new WordEmbeddings(synonyms: synonyms);
        var (second, secondLog) = Index(secondModel);
        using (first)
        using (second)
        {
            await Find(first, "stop");
            Assert.Equal(["stops.md"], await Find(second, "how to stop the worker"));

            gate.SetResult();
            Assert.Contains("halting.md", await FindWhenEmbedded(second, "how to stop the worker"));
        }

        Assert.DoesNotContain(secondLog.Entries, e => e.Message.StartsWith("Indexed", StringComparison.Ordinal));
        Assert.Equal(["how to stop the worker"], secondModel.Embedded);
    }

    [Fact]
    public async Task An_index_disposed_while_it_embeds_stops_and_the_next_one_opens_its_snapshot_and_embeds_the_passages()
    {
        documents.Write("lamps.md", "# Lamps\n\nThe keeper trims the lamp at dusk.\n");
        var never = new TaskCompletionSource();
        var (first, firstLog) = Index(new WordEmbeddings(gate: never.Task));
        await Find(first, "lamp");
        first.Dispose();

        var model = new WordEmbeddings();
        var (index, log) = Index(model);
        using (index)
            Assert.Equal(["lamps.md"], await FindWhenEmbedded(index, "lamp"));

        Assert.DoesNotContain(firstLog.Entries, e => e.Message.Contains("could not be embedded", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Entries, e => e.Message.StartsWith("Indexed", StringComparison.Ordinal));
        Assert.Equal(["The keeper trims the lamp at dusk.", "lamp"], model.Embedded);
    }

    [Fact]
    public async Task Building_an_index_deletes_the_indexes_of_documents_folders_that_no_longer_exist_unless_told_not_to()
    {
        string gone;
        using (var shortLived = new DocumentFolderFixture())
        {
            shortLived.Write("tmp.md", "# Scratch\n\nA note for one research.\n");
            using var scratch = Index(new WordEmbeddings(), of: shortLived).Index;
            await FindWhenEmbedded(scratch, "note");
            gone = scratch.StoragePath!;
        }
        documents.Write("lamps.md", "# Lamps\n\nThe keeper trims the lamp at dusk.\n");

        using (var keeping = Index(new WordEmbeddings(), removeMissingFolders: false).Index) await FindWhenEmbedded(keeping, "lamp");
        var keptWhileTold = Directory.Exists(gone);
        documents.Write("boats.md", "# Boats\n\nFerries cross the bay hourly.\n");
        var (index, log) = Index(new WordEmbeddings());
        using (index) await FindWhenEmbedded(index, "lamp");

        Assert.True(keptWhileTold);
        Assert.False(Directory.Exists(gone));
        Assert.True(Directory.Exists(index.StoragePath));
        Assert.Contains(log.Entries, e => e.Message.StartsWith("Deleted 1 indexes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dense_retrieval_returns_no_document_less_similar_to_the_question_than_the_floor()
    {
        documents.Write("lamps.md", "# Lamps\n\nThe keeper trims the lamp at dusk.\n");
        var (floored, _) = Index(new WordEmbeddings(), search: new LocalSearchOptions { Retrieval = RetrievalMode.Dense });
        var (unfloored, _) = Index(new WordEmbeddings(), search: new LocalSearchOptions { Retrieval = RetrievalMode.Dense, MinDenseSimilarity = -1 });
        using (floored)
        using (unfloored)
        {
            Assert.Empty(await FindWhenEmbedded(floored, "bake sourdough bread"));
            Assert.Equal(["lamps.md"], await FindWhenEmbedded(floored, "trims lamp"));
            Assert.Equal(["lamps.md"], await FindWhenEmbedded(unfloored, "bake sourdough bread"));
        }
    }

    [Fact]
    public async Task A_change_of_the_passage_size_builds_the_index_again()
    {
        documents.Write("lamps.md", "# Lamps\n\nThe keeper trims the lamp at dusk.\n");
        using (var first = Index(new WordEmbeddings()).Index) await FindWhenEmbedded(first, "lamp");

        var (index, log) = Index(new WordEmbeddings(), passageCharacters: 500);
        using (index) await FindWhenEmbedded(index, "lamp");

        Assert.Contains(log.Entries, e => e.Message.StartsWith("Built the index", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_damaged_index_on_disk_is_built_again_rather_than_failing_the_search()
    {
        documents.Write("lamps.md", "# Lamps\n\nThe keeper trims the lamp at dusk.\n");
        string stored;
        using (var first = Index(new WordEmbeddings()).Index)
        {
            await FindWhenEmbedded(first, "lamp");
            stored = first.StoragePath!;
        }
        foreach (var file in Directory.EnumerateFiles(stored, "*", SearchOption.AllDirectories).Where(f => f.Contains("lucene")))
            File.WriteAllText(file, "damaged");

        var (index, log) = Index(new WordEmbeddings());
        using (index)
            Assert.Equal("lamps.md", (await Find(index, "lamp"))[0]);

        Assert.Contains(log.Entries, e => e.Message.Contains("cannot be opened", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_section_found_only_by_meaning_is_returned_by_hybrid_retrieval_and_not_by_bm25_alone()
    {
        // The toy model puts "halt" next to "stop" and so knows what BM25's terms cannot.
        WriteHaltingAndStops();
        var model = new WordEmbeddings(synonyms: new() { ["halt"] = "stop" });
        var (hybrid, _) = Index(model);
        var (lexical, _) = Index(model, search: new LocalSearchOptions { Retrieval = RetrievalMode.Lexical });
        using (hybrid)
        using (lexical)
        {
            Assert.Equal(["stops.md"], await FindWhenEmbedded(lexical, "how to stop the worker"));
            Assert.Contains("halting.md", await FindWhenEmbedded(hybrid, "how to stop the worker"));
        }
    }

    [Theory]
    [InlineData(0.0, new[] { "stops.md", "halting.md" })]
    [InlineData(1.0, new[] { "halting.md", "stops.md" })]
    public async Task The_dense_weight_decides_which_ranking_a_hybrid_search_follows(double denseWeight, string[] expected)
    {
        // BM25 finds only the bus stops page; by meaning the halting page is the closer of the two.
        WriteHaltingAndStops();
        var (index, _) = Index(new WordEmbeddings(synonyms: new() { ["halt"] = "stop" }), search: new LocalSearchOptions { DenseWeight = denseWeight });
        using (index)
            Assert.Equal(expected, await FindWhenEmbedded(index, "how to stop the worker"));
    }

    /// <summary>Two pages for the toy model's synonym: BM25 finds only the bus stops page for "stop", meaning finds the halting page too.</summary>
    private void WriteHaltingAndStops() => documents
        .Write("halting.md", "# Halting\n\nSend halt to the process.\n")
        .Write("stops.md", "# Bus stops\n\nThe stop is by the harbour.\n");

    /// <summary>A made-up word of letters only, a different one for each number ("bab" for 1, "cab" for 2, ...).</summary>
    private static string Word(int number) => new([(char)('a' + number % 26), (char)('a' + number / 26 % 26), 'b']);

    /// <summary>
    /// A toy embedding model for index tests: a bag of words over a hashed vocabulary (so texts that
    /// share words are close), with optional synonyms, recording every text it embeds, failing, if
    /// told, once it has embedded a number of them, and embedding nothing until <c>gate</c> completes.
    /// </summary>
    private sealed class WordEmbeddings(int failAfterTexts = int.MaxValue, Dictionary<string, string>? synonyms = null, Task? gate = null)
        : IEmbeddingGenerator<string, Embedding<float>>
    {
        private const int Dimensions = 256;
        private readonly ConcurrentQueue<string> embedded = new();

        public IReadOnlyList<string> Embedded => [.. embedded];

        public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (gate is not null) await gate.WaitAsync(cancellationToken);
            var batch = values.ToList();
            if (embedded.Count + batch.Count > failAfterTexts) throw new IOException("The model stopped.");
            foreach (var text in batch) embedded.Enqueue(text);
            return new GeneratedEmbeddings<Embedding<float>>(batch.Select(text => new Embedding<float>(Vector(text))));
        }

        private float[] Vector(string text)
        {
            var vector = new float[Dimensions];
            foreach (var word in text.ToLowerInvariant().Split([' ', '.', ',', '\n', '#'], StringSplitOptions.RemoveEmptyEntries))
            {
                var canonical = synonyms?.GetValueOrDefault(word) ?? word;
                vector[(int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(canonical)) % Dimensions)] += 1;
            }
            return vector;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("test", null, "word-embeddings", Dimensions) : null;

        public void Dispose()
        {
        }
    }
}
