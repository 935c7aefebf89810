using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Researcher.Core.Embeddings;
using Researcher.Core.Search;
using Researcher.Core.Tests.Reading;

namespace Researcher.Core.Tests.Search;

public sealed class LocalDocumentIndexTests : IDisposable
{
    private const string Filler =
        "Gardens need water in summer. Bicycles have two wheels and a chain. The museum opens at nine on weekdays.";

    private readonly DocumentFolderFixture documents = new();

    public void Dispose() => documents.Dispose();

    private LocalDocumentIndex Index(LocalSearchOptions? options = null, ILogger<LocalDocumentIndex>? logger = null) =>
        new(documents.Folder(maxFileBytes: 4_096), Options.Create(options ?? new LocalSearchOptions()),
            logger ?? NullLogger<LocalDocumentIndex>.Instance);

    [Fact]
    public async Task Stemming_lets_a_question_in_other_word_forms_find_the_document()
    {
        documents
            .Write("stopping.md", "# Stopping work\n\nTo cancel a job, call the stop endpoint.\n")
            .Write("gardens.md", $"# Gardens\n\n{Filler}\n");
        using var index = Index();

        var hits = await index.SearchAsync("Cancelling jobs", 5, CancellationToken.None);

        Assert.Equal("stopping.md", Assert.Single(hits).Location);
    }

    [Fact]
    public async Task A_hit_says_whether_other_documents_have_a_section_with_its_heading()
    {
        documents
            .Write("csv.md", "# csv\n\nReads comma separated files.\n\n## Examples\n\nRead rows of a spreadsheet with a reader.\n")
            .Write("json.md", "# json\n\nReads JSON documents.\n\n## examples\n\nLoad a document from a file.\n")
            .Write("zip.md", "# zip\n\nReads archives.\n\n## Reading archives\n\nOpen an archive of spreadsheet rows.\n\n## Reading archives\n\nList the members.\n");
        using var index = Index();

        var hits = await index.SearchAsync("spreadsheet rows", 5, CancellationToken.None);

        var csv = Assert.Single(hits, h => h.Location == "csv.md");
        Assert.Equal("Examples", csv.Section);
        Assert.True(csv.SectionIsShared);
        // A heading repeated within one document only still names that document's topic.
        var zip = Assert.Single(hits, h => h.Location == "zip.md");
        Assert.Equal("Reading archives", zip.Section);
        Assert.False(zip.SectionIsShared);
    }

    [Fact]
    public async Task A_match_in_a_heading_outranks_the_same_match_in_body_text()
    {
        documents
            .Write("retries.md", $"# Retry policy\n\nSteps fail sometimes, so a retry policy waits and tries again. {Filler}\n")
            .Write("overview.md", "# Overview\n\nEach step has a retry policy.\n");
        using var boosted = Index();
        using var unboosted = Index(new LocalSearchOptions { TitleBoost = 0, HeadingBoost = 0 });

        var withBoost = await boosted.SearchAsync("retry policy", 5, CancellationToken.None);
        var withoutBoost = await unboosted.SearchAsync("retry policy", 5, CancellationToken.None);

        Assert.Equal("retries.md", withBoost[0].Location);
        Assert.Equal("Retry policy", withBoost[0].Section);
        Assert.Equal("overview.md", withoutBoost[0].Location);
    }

    [Fact]
    public async Task A_section_that_covers_most_of_the_question_outranks_one_whose_title_matches_one_word()
    {
        // "scratch" is rare and fills the title, heading and body of the email page; the temporary
        // files page shares the question's other words.
        documents
            .Write("email.md", "# Scratch\n\n## Scratch\n\nMake a message from scratch: a scratch message.\n")
            .Write("tempfile.md", $"# Temporary files\n\nA temporary file is removed automatically when it is closed, so it is done when you are. Temporary files live in the system's temporary folder, which the system cleans.\n")
            .Write("museum.md", "# Museum\n\nThe museum shows paintings and sculptures from three centuries.\n");
        using var covering = Index(new LocalSearchOptions { FeedbackTerms = 0 });
        using var summing = Index(new LocalSearchOptions { FeedbackTerms = 0, CoverageWeight = 0, FieldTieBreaker = 1 });

        const string question = "How do I make a scratch file that is removed automatically when I'm done?";
        var withCoverage = await covering.SearchAsync(question, 5, CancellationToken.None);
        var withoutCoverage = await summing.SearchAsync(question, 5, CancellationToken.None);

        Assert.Equal("tempfile.md", withCoverage[0].Location);
        Assert.Equal("email.md", withoutCoverage[0].Location);
    }

    [Fact]
    public async Task Query_expansion_finds_a_document_that_uses_other_words_for_the_topic()
    {
        documents
            .Write("replay.md", "# Replay\n\nAfter a crash the orchestrator replays its history. Checkpoints in the history let the orchestrator resume.\n")
            .Write("resume.md", "# Resuming\n\nAn orchestrator resumes from checkpoints kept in its history table.\n")
            .Write("gardens.md", $"# Gardens\n\n{Filler}\n")
            .Write("museum.md", "# Museum\n\nThe museum shows paintings and sculptures from three centuries.\n");
        using var plain = Index(new LocalSearchOptions { FeedbackTerms = 0 });
        using var expanding = Index();

        var withoutExpansion = await plain.SearchAsync("replay", 5, CancellationToken.None);
        var withExpansion = await expanding.SearchAsync("replay", 5, CancellationToken.None);

        Assert.DoesNotContain(withoutExpansion, hit => hit.Location == "resume.md");
        Assert.Equal("replay.md", withExpansion[0].Location);
        Assert.Contains(withExpansion, hit => hit.Location == "resume.md");
        Assert.DoesNotContain(withExpansion, hit => hit.Location is "gardens.md" or "museum.md");
    }

    [Theory]
    [InlineData("what's \"x\"?")]
    [InlineData("C++ AND (")]
    [InlineData("title:foo^3 ~ * ? \\ [TO] {a TO b} NOT -")]
    [InlineData("\"unbalanced")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("what is it?")]
    public async Task Questions_with_query_syntax_or_no_terms_never_throw(string question)
    {
        documents.Write("guide.md", "# Guide\n\nThe x option in C++ builds and what it does.\n");
        using var index = Index();

        var hits = await index.SearchAsync(question, 5, CancellationToken.None);

        Assert.True(hits.Count <= 1);
    }

    [Fact]
    public async Task A_very_long_question_is_searched_with_its_first_terms()
    {
        documents.Write("guide.md", "# Guide\n\nThe alpha option.\n");
        using var index = Index(new LocalSearchOptions { MaxQueryTerms = 4 });
        var question = "alpha " + string.Join(" ", Enumerable.Range(0, 3_000).Select(i => $"word{i}"));

        var hits = await index.SearchAsync(question, 5, CancellationToken.None);

        Assert.Equal("guide.md", Assert.Single(hits).Location);
    }

    [Fact]
    public async Task A_document_that_copies_another_is_not_indexed_and_the_formatted_copy_is_kept()
    {
        const string text = "The scheduler runs nightly jobs, retries failed ones three times and reports each outcome to the operators by mail.";
        documents.Write("_sources/scheduler.txt", $"Scheduler\n\n{text}\n");
        documents.Write("scheduler.html", $"<html><head><title>Scheduler</title></head><body><h1>Scheduler</h1><p>{text}</p></body></html>");
        documents.Write("backups.md", "# Backups\n\nBackups are copied to a second region every night by the scheduler.\n");
        using var index = Index();

        var hits = await index.SearchAsync("scheduler", 5, CancellationToken.None);

        Assert.Equal(["backups.md", "scheduler.html"], hits.Select(h => h.Location).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Results_are_one_per_document_with_relative_locations_and_at_most_the_maximum()
    {
        string[] subjects = ["invoices", "backups", "reports", "emails", "imports", "cleanups"];
        for (var i = 0; i < subjects.Length; i++)
            documents.Write($"guides/part{i}/topic.md", $"# Topic {i}\n\nThe scheduler runs jobs for {subjects[i]}.\n\n## More\n\nThe scheduler also retries jobs that fail.\n");
        using var index = Index();

        var hits = await index.SearchAsync("scheduler jobs", 4, CancellationToken.None);

        Assert.Equal(4, hits.Count);
        Assert.Equal(hits.Count, hits.Select(h => h.Location).Distinct().Count());
        Assert.All(hits, hit => Assert.Matches(@"^guides/part\d/topic\.md$", hit.Location));
        Assert.All(hits, hit => Assert.Contains("scheduler", hit.Snippet, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Unreadable_and_oversized_files_are_skipped_with_a_warning()
    {
        documents
            .Write("good.md", "# Good\n\nThe lighthouse guides ships.\n")
            .WriteBytes("binary.txt", [0x6c, 0x69, 0x67, 0x68, 0x00, 0x01])
            .Write("huge.md", "# Huge\n\n" + string.Concat(Enumerable.Repeat("lighthouse ", 1_000)));
        var logger = new RecordingLogger<LocalDocumentIndex>();
        using var index = Index(logger: logger);

        var hits = await index.SearchAsync("lighthouse", 5, CancellationToken.None);

        Assert.Equal("good.md", Assert.Single(hits).Location);
        var warnings = logger.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Contains(warnings, w => w.Contains("binary.txt", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("huge.md", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_first_searches_share_one_index()
    {
        documents.Write("guide.md", "# Guide\n\nThe compass points north.\n");
        var logger = new RecordingLogger<LocalDocumentIndex>();
        using var index = Index(logger: logger);

        var searches = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => index.SearchAsync("compass", 3, CancellationToken.None)));

        Assert.All(searches, hits => Assert.Equal("guide.md", Assert.Single(hits).Location));
        Assert.Single(logger.Entries, e => e.Message.StartsWith("Indexed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_host_start_up_builds_the_index_before_any_search()
    {
        documents.Write("guide.md", "# Guide\n\nThe scheduler runs jobs.\n").Write("notes.md", "# Notes\n\nBackups run nightly.\n");
        var logger = new RecordingLogger<LocalDocumentIndex>();
        using var index = Index(logger: logger);
        using var embeddings = new LocalEmbeddings(Options.Create(new LocalEmbeddingOptions { Enabled = false }));
        using var warmUp = new DocumentIndexWarmUp(index, embeddings, NullLogger<DocumentIndexWarmUp>.Instance);

        await warmUp.StartAsync(CancellationToken.None);
        await warmUp.ExecuteTask!;

        Assert.Contains(logger.Entries, entry => entry.Message.StartsWith("Indexed 2 documents", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_build_that_failed_is_tried_again_by_the_next_search()
    {
        documents.Write("guide.md", "# Guide\n\nThe scheduler runs jobs.\n");
        using var index = Index();
        var hidden = documents.Root + ".away";
        Directory.Move(documents.Root, hidden);

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => index.SearchAsync("scheduler", 5, CancellationToken.None));
        Directory.Move(hidden, documents.Root);
        var hits = await index.SearchAsync("scheduler", 5, CancellationToken.None);

        Assert.Equal("guide.md", Assert.Single(hits).Location);
    }
}
