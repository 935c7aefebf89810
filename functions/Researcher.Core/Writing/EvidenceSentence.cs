using Researcher.Core.Context;

namespace Researcher.Core.Writing;

/// <summary>
/// A sentence taken verbatim (white space collapsed) from a passage, with where it came from:
/// <see cref="SectionIndex"/> is the sub-question whose passages hold it, <see cref="Order"/> its
/// position across the whole draft (passages best first, sentences in reading order).
/// <see cref="Antecedent"/> is the sentence before it in its paragraph when it opens by referring to
/// that one ("It answers 409 Conflict ...", "However, ...") or continues the definition that one
/// opens with its term ("Provides a way to wait ..." after "`TaskGroup`: ..."): quoted with it, it
/// stands on its own. <see cref="Subject"/> is the heading of the section (or the title of the document)
/// the sentence opens when it opens by referring to what that names ("This module provides ..." first
/// under "timeit — Measure execution time of small code snippets"): quoted under it, it stands on its own.
/// </summary>
internal sealed record EvidenceSentence(string Text, Passage Passage, int SectionIndex, int Order, IReadOnlySet<string> Terms,
    string? Antecedent = null, string? Subject = null);
