using Researcher.Core.Planning;
using Researcher.Core.Reading;

namespace Researcher.Core.Context;

/// <summary>
/// A piece of a source's text chosen as evidence for a sub-question; it keeps its source so citations
/// stay exact. <see cref="OpensSection"/> when its text is where its section (or, without a section
/// heading, its document) begins, so a sentence opening it with "This module ..." refers to what the
/// heading names.
/// </summary>
public sealed record Passage(string SourceLocation, string SourceTitle, string? Section, string Text, double Score, bool OpensSection = false);

/// <summary>The passages chosen for one sub-question, best first (stored as a blob, see ContentNames.Passages).</summary>
public sealed record PassageSet(SubQuestion SubQuestion, IReadOnlyList<Passage> Passages);

/// <summary>
/// How much evidence one sub-question may keep, as the request asks; the selector also holds to
/// the host's token budget (<see cref="PassageSelectionOptions.MaxTokensPerSubQuestion"/>).
/// </summary>
public sealed record PassageBudget(int MaxPassages, int MaxCharacters);

/// <summary>Ranks the passages of the read sources against a sub-question and keeps the best within a budget.</summary>
public interface IPassageSelector
{
    /// <summary>
    /// The passages kept, best first, each a piece of one source's text with that source's location
    /// and title. A failure of a model the ranking calls (embeddings) propagates, so the step fails
    /// and is retried rather than ranking with less.
    /// </summary>
    Task<IReadOnlyList<Passage>> SelectAsync(
        SubQuestion subQuestion, IReadOnlyList<SourceDocument> sources, PassageBudget budget, CancellationToken cancellationToken);
}
