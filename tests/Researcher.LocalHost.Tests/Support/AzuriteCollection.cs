using Researcher.Testing;

namespace Researcher.LocalHost.Tests.Support;

/// <summary>One Azurite for every test of this assembly that needs storage.</summary>
[CollectionDefinition(AzuriteFixture.CollectionName)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
