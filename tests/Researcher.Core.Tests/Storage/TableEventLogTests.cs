using Azure.Data.Tables;
using Researcher.Core.Progress;
using Researcher.Core.Storage;
using Researcher.Testing;

namespace Researcher.Core.Tests.Storage;

[Collection(AzuriteFixture.CollectionName)]
public class TableEventLogTests(AzuriteFixture azurite)
{
    private const string ResearchId = "00112233445566778899aabbccddeeff";
    private const string OtherResearchId = "ffeeddccbbaa99887766554433221100";
    private static readonly DateTime Start = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    private readonly TableEventLog log = new(new TableClient(azurite.ConnectionString, AzuriteFixture.NewTableName("events")));

    private static ProgressEvent Event(long sequence, string researchId = ResearchId, string message = "step") =>
        new(researchId, sequence, Start.AddSeconds(sequence), ProgressEventType.StepStarted, "search", $"{message} {sequence}",
            (int)Math.Min(sequence, 100), new Dictionary<string, string> { ["sequence"] = $"{sequence}" });

    [Fact]
    public async Task An_event_reads_back_as_it_was_written()
    {
        var written = Event(1);
        await log.AppendAsync(written);

        var read = Assert.Single(await log.ReadAsync(ResearchId, 0, 10));

        Assert.Equal(written with { Data = null }, read with { Data = null });
        Assert.Equal(written.Data, read.Data);
    }

    [Fact]
    public async Task Appending_the_same_sequence_again_keeps_one_event()
    {
        await log.AppendAsync(Event(1));
        await log.AppendAsync(Event(1));
        await log.AppendAsync(Event(2));
        await log.AppendAsync(Event(2));

        var events = await log.ReadAsync(ResearchId, 0, 100);

        Assert.Equal([1L, 2L], events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_different_event_under_a_taken_sequence_is_refused_and_the_stored_one_kept()
    {
        await log.AppendAsync(Event(1, message: "first"));

        var refused = await Assert.ThrowsAsync<EventSequenceTakenException>(() => log.AppendAsync(Event(1, message: "second")));

        Assert.Equal(1, refused.Sequence);
        var stored = Assert.Single(await log.ReadAsync(ResearchId, 0, 10));
        Assert.Equal("first 1", stored.Message);
    }

    [Fact]
    public async Task The_same_event_recorded_again_at_a_later_time_changes_nothing()
    {
        var first = Event(1);
        await log.AppendAsync(first);

        await log.AppendAsync(first with { Timestamp = first.Timestamp.AddSeconds(3), Data = new Dictionary<string, string>(first.Data!) });

        Assert.Equal(first.Timestamp, Assert.Single(await log.ReadAsync(ResearchId, 0, 10)).Timestamp);
    }

    [Fact]
    public async Task Events_come_back_in_numeric_order_past_9_10_99_100_and_1000()
    {
        long[] sequences = [1000, 100, 10, 9, 1, 99, 101, 2, 11, 999];
        foreach (var sequence in sequences)
            await log.AppendAsync(Event(sequence));

        var events = await log.ReadAsync(ResearchId, 0, 100);

        Assert.Equal(sequences.Order(), events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Reading_after_n_pages_through_the_log_without_gaps_or_repeats()
    {
        for (var sequence = 1; sequence <= 23; sequence++)
            await log.AppendAsync(Event(sequence));

        var seen = new List<long>();
        long after = 0;
        while (true)
        {
            var page = await log.ReadAsync(ResearchId, after, 5);
            if (page.Count == 0) break;
            Assert.True(page.Count <= 5);
            seen.AddRange(page.Select(e => e.Sequence));
            after = page[^1].Sequence;
        }

        Assert.Equal(Enumerable.Range(1, 23).Select(n => (long)n), seen);
        Assert.Equal([12L, 13L], (await log.ReadAsync(ResearchId, 11, 2)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Each_research_reads_only_its_own_events()
    {
        await log.AppendAsync(Event(1, ResearchId, "mine"));
        await log.AppendAsync(Event(1, OtherResearchId, "theirs"));
        await log.AppendAsync(Event(2, OtherResearchId, "theirs"));

        var mine = await log.ReadAsync(ResearchId, 0, 10);
        var theirs = await log.ReadAsync(OtherResearchId, 0, 10);

        Assert.Equal("mine 1", Assert.Single(mine).Message);
        Assert.Equal(["theirs 1", "theirs 2"], theirs.Select(e => e.Message));
    }

    [Fact]
    public async Task An_unknown_research_or_a_zero_limit_reads_nothing()
    {
        Assert.Empty(await log.ReadAsync(ResearchId, 0, 10));

        await log.AppendAsync(Event(1));
        Assert.Empty(await log.ReadAsync(ResearchId, 0, 0));
        Assert.Empty(await log.ReadAsync(ResearchId, 1, 10));
    }
}
