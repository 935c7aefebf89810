using Researcher.Core.Embeddings;

namespace Researcher.Core.Tests.Embeddings;

/// <summary>The local model's turns: one text at a time, a research's calls before a corpus being embedded.</summary>
public sealed class ModelTurnsTests
{
    /// <summary>Guards each wait so that a turn given to the wrong caller fails the test rather than hanging it.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_foreground_call_goes_before_a_background_call_that_was_waiting_first()
    {
        var turns = new ModelTurns();
        await turns.TakeInBackgroundAsync(CancellationToken.None);
        var background = turns.TakeInBackgroundAsync(CancellationToken.None);
        var foreground = turns.TakeAsync(CancellationToken.None);
        Assert.False(foreground.IsCompleted);

        turns.Release();
        await foreground.WaitAsync(Guard);

        Assert.False(background.IsCompleted);
        turns.Release();
        await background.WaitAsync(Guard);
        turns.Release();
    }

    [Fact]
    public async Task A_background_call_takes_the_model_when_no_one_else_waits_and_one_text_at_a_time()
    {
        var turns = new ModelTurns();
        await turns.TakeInBackgroundAsync(CancellationToken.None);
        var next = turns.TakeInBackgroundAsync(CancellationToken.None);
        Assert.False(next.IsCompleted);

        turns.Release();
        await next.WaitAsync(Guard);
        turns.Release();
    }

    [Fact]
    public async Task A_cancelled_wait_gives_up_its_place()
    {
        var turns = new ModelTurns();
        await turns.TakeAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = turns.TakeAsync(cancel.Token);
        var background = turns.TakeInBackgroundAsync(CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        turns.Release();

        await background.WaitAsync(Guard);
        turns.Release();
    }
}
