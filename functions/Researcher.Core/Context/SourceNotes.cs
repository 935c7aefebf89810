using Researcher.Core.Contracts;
using Researcher.Core.Planning;

namespace Researcher.Core.Context;

/// <summary>
/// What one source says about one sub-question, in a language model's notes: each note a
/// self-contained statement taken from that source's passages, so a note cited is its source cited.
/// <see cref="Relevant"/> is false when the passages do not bear on the sub-question (no notes then).
/// </summary>
public sealed record SourceNotes(string SourceLocation, string SourceTitle, bool Relevant, IReadOnlyList<string> Notes);

/// <summary>Takes notes from one source's passages for a sub-question (a language model; there is no offline note-taker).</summary>
public interface ISourceNoteTaker
{
    /// <summary>The most a call of <see cref="TakeNotesAsync"/> on these passages can spend: prompt tokens plus the output cap, priced.</summary>
    ResearchUsage Estimate(SubQuestion subQuestion, IReadOnlyList<Passage> passages, WritingStyle style);

    /// <summary>Notes from <paramref name="passages"/>, all of one source, for <paramref name="subQuestion"/>.</summary>
    Task<SourceNotes> TakeNotesAsync(SubQuestion subQuestion, IReadOnlyList<Passage> passages, WritingStyle style, CancellationToken cancellationToken);
}

/// <summary>The note-taker of a host without a language model: a research that asks it for notes was accepted by another configuration, and fails here with a message saying so.</summary>
public sealed class NoNoteTaker : ISourceNoteTaker
{
    private const string Message = "Notes are taken only with a language model (Research:Llm:Provider), and this host has none.";

    public ResearchUsage Estimate(SubQuestion subQuestion, IReadOnlyList<Passage> passages, WritingStyle style) =>
        throw new InvalidOperationException(Message);

    public Task<SourceNotes> TakeNotesAsync(SubQuestion subQuestion, IReadOnlyList<Passage> passages, WritingStyle style, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(Message);
}
