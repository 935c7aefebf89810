using Researcher.Testing;

namespace Researcher.EndToEnd.Tests.Support;

/// <summary>One Azurite for every test of this assembly: the tests run one at a time, each on a host and task hub of its own.</summary>
[CollectionDefinition(AzuriteFixture.CollectionName)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
