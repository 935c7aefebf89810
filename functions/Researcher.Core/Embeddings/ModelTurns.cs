namespace Researcher.Core.Embeddings;

/// <summary>
/// Who runs the local model next: one text at a time, and a foreground call (a research's question,
/// passages or sentences) before any background one (a corpus being embedded), so a research's few
/// texts never queue behind thousands of the corpus's. A background turn is taken only while no
/// foreground call waits; a foreground call that comes during a background text waits for that text alone.
/// </summary>
internal sealed class ModelTurns
{
    private readonly SemaphoreSlim model = new(1, 1);
    private readonly Lock waiting = new();
    private int foregroundWaiting;
    private TaskCompletionSource noForeground = Cleared();

    /// <summary>Takes the model for one text, ahead of every background call; <see cref="Release"/> gives it back.</summary>
    public async Task TakeAsync(CancellationToken cancellationToken)
    {
        lock (waiting)
        {
            if (foregroundWaiting++ == 0) noForeground = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        try
        {
            await model.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (waiting)
            {
                if (--foregroundWaiting == 0) noForeground.TrySetResult();
            }
        }
    }

    /// <summary>Takes the model for one text once no foreground call is waiting for it.</summary>
    public async Task TakeInBackgroundAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task cleared;
            lock (waiting) cleared = noForeground.Task;
            await cleared.WaitAsync(cancellationToken).ConfigureAwait(false);
            await model.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (waiting)
            {
                if (foregroundWaiting == 0) return;
            }
            // A foreground call came while this one waited: it goes first.
            model.Release();
        }
    }

    /// <summary>Takes the model for one text without waiting (for disposal, which must not overlap a text).</summary>
    public void Take() => model.Wait();

    public void Release() => model.Release();

    private static TaskCompletionSource Cleared()
    {
        var cleared = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cleared.SetResult();
        return cleared;
    }
}
