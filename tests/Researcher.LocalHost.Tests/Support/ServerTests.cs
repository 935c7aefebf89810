using Researcher.Testing;

namespace Researcher.LocalHost.Tests.Support;

/// <summary>
/// A class of tests against one local host started over a test corpus of its own, on the shared
/// Azurite: the host starts before the class's tests and stops after them.
/// </summary>
public abstract class ServerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private protected AzuriteFixture Azurite { get; } = azurite;

    private protected TestCorpus Corpus { get; } = new();

    private protected LocalHostServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await LocalHostServer.StartAsync(Azurite, Corpus.Root);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Corpus.Dispose();
    }
}
