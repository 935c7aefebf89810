using Researcher.Testing;

namespace Researcher.Functions.Tests.Live;

/// <summary>One Azurite for every storage test of this assembly.</summary>
[CollectionDefinition(AzuriteFixture.CollectionName)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
