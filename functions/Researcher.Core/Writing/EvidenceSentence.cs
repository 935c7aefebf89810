using Researcher.Core.Context;

namespace Researcher.Core.Writing;

/// <summary>
/// A sentence taken verbatim (white space collapsed) from a passage, with where it came from:
/// <see cref="SectionIndex"/> is the sub-question whose passages hold it, <see cref="Order"/> its
/// position across the whole draft (passages best first, sentences in reading order).
/// </summary>
internal sealed record EvidenceSentence(string Text, Passage Passage, int SectionIndex, int Order, IReadOnlySet<string> Terms);
