using Researcher.Core.Storage;

namespace Researcher.Core.Tests.Storage;

public sealed class SetUpOnceTests
{
    [Fact]
    public async Task A_successful_set_up_runs_once()
    {
        var calls = 0;
        var setUp = new SetUpOnce(_ => { calls++; return Task.CompletedTask; });

        await setUp.EnsureAsync();
        await setUp.EnsureAsync();

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_failed_set_up_is_tried_again_by_the_next_call()
    {
        var calls = 0;
        var setUp = new SetUpOnce(_ => ++calls == 1
            ? Task.FromException(new IOException("storage unreachable"))
            : Task.CompletedTask);

        await Assert.ThrowsAsync<IOException>(() => setUp.EnsureAsync());
        await setUp.EnsureAsync();
        await setUp.EnsureAsync();

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_attempt()
    {
        var calls = 0;
        var release = new TaskCompletionSource();
        var setUp = new SetUpOnce(async _ => { Interlocked.Increment(ref calls); await release.Task; });

        var first = setUp.EnsureAsync();
        var second = setUp.EnsureAsync();
        release.SetResult();
        await Task.WhenAll(first, second);

        Assert.Equal(1, calls);
    }
}
