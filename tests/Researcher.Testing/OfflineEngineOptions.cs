using Researcher.Core.Context;
using Researcher.Core.Contracts;
using Researcher.Core.Embeddings;
using Researcher.Core.Planning;
using Researcher.Core.Search;
using Researcher.Core.Writing;

namespace Researcher.Testing;

/// <summary>The settings an <see cref="OfflineEngine"/> runs with; each defaults to what a host uses when nothing is configured.</summary>
public sealed record OfflineEngineOptions
{
    /// <summary>How the local-document search ranks sections (<c>Research:Search</c>).</summary>
    public LocalSearchOptions Search { get; init; } = new();

    /// <summary>How the extractive planner picks sub-questions (<c>Research:Planning</c>).</summary>
    public ExtractivePlanningOptions Planning { get; init; } = new();

    /// <summary>How passages are cut and kept (<c>Research:Passages</c>).</summary>
    public PassageSelectionOptions Passages { get; init; } = new();

    /// <summary>How the extractive writer picks sentences (<c>Research:Writing</c>).</summary>
    public ExtractiveWritingOptions Writing { get; init; } = new();

    /// <summary>The local embedding model (<c>Research:Embeddings</c>).</summary>
    public LocalEmbeddingOptions Embeddings { get; init; } = new();

    /// <summary>Where the index is kept (<c>Research:Index</c>): on disk in the default folder, as a host keeps it.</summary>
    public DocumentIndexOptions Index { get; init; } = new();

    /// <summary>Sub-questions, sources and passage budgets per research (<c>Research:Limits</c>).</summary>
    public ResearchLimits Limits { get; init; } = new();
}
