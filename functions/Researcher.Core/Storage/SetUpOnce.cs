namespace Researcher.Core.Storage;

/// <summary>
/// Runs an idempotent asynchronous set-up (creating a blob container or a table) until it has
/// succeeded once. Concurrent callers share one attempt; a failed attempt is not remembered, so
/// storage that was unreachable for a moment is set up by the next call instead of failing forever.
/// </summary>
public sealed class SetUpOnce(Func<CancellationToken, Task> setUp)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile bool done;

    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (done) return;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (done) return;
            await setUp(cancellationToken);
            done = true;
        }
        finally
        {
            gate.Release();
        }
    }
}
