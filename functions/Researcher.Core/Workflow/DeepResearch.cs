using Researcher.Core.Context;
using Researcher.Core.Contracts;
using Researcher.Core.Planning;

namespace Researcher.Core.Workflow;

// The inputs and results of a deep research's branches and their learnings step. Like every step's,
// they cross the engine's serialization boundary: names and small values only; the learnings
// themselves and the passages live in the content store.

/// <summary>
/// One branch of a deep research's tree. <see cref="Query"/>'s key is the branch's path ("2.1": the
/// first child of the second top-level branch), its text the query searched, its title the branch's
/// research goal. <see cref="MaxFollowUps"/> is how many children it may propose (0 at the last
/// level); <see cref="Known"/> names the stored learnings of the branches above it, which it builds on.
/// </summary>
public sealed record DeepBranchInput(string ResearchId, SubQuestion Query, int MaxFollowUps, ResearchSpec Spec)
{
    public IReadOnlyList<string> Known { get; init; } = [];

    /// <summary>Most sources this branch may read: its share of what the research's source limit has left.</summary>
    public int MaxSources { get; init; } = 1;

    /// <summary>What this branch may spend on models.</summary>
    public ResearchBudget Allowance { get; init; } = ResearchBudget.Unlimited;
}

/// <summary>Extract a branch's learnings and follow-ups from its stored passages, within <see cref="Allowance"/>.</summary>
public sealed record ExtractLearningsInput(
    string ResearchId, string Question, SubQuestion Query, string PassagesContentName, IReadOnlyList<string> Known, int MaxFollowUps, WritingStyle Style)
{
    public ResearchBudget Allowance { get; init; } = ResearchBudget.Unlimited;
}

/// <summary>
/// A branch's learnings, stored under <see cref="ContentName"/>; its follow-up queries (small, so
/// they travel here); what extracting them cost; and whether the allowance was too small for the
/// model, so the learnings were extracted without it.
/// </summary>
public sealed record LearningsRef(string ContentName, int LearningCount, IReadOnlyList<FollowUpQuery> FollowUps, ResearchUsage Usage)
{
    public bool BudgetReached { get; init; }
}

/// <summary>How one branch ended: its passages, learnings and sources, or the failure that ended it (a gap the report names).</summary>
public sealed record DeepBranchFindings(
    SubQuestion Query,
    PassageSetRef? Passages,
    LearningsRef? Learnings,
    IReadOnlyList<SourceRef> Sources,
    IReadOnlyList<string> Warnings,
    ResearchFailure? Failure = null)
{
    public ResearchUsage Usage { get; init; } = ResearchUsage.Zero;

    public bool BudgetReached => Learnings?.BudgetReached ?? false;

    public static DeepBranchFindings Failed(SubQuestion query, ResearchFailure failure) => new(query, null, null, [], [], failure);
}

/// <summary>
/// A branch's place in its tree, read from its path: "2.1" is at depth 2, position 1, under "2".
/// Paths are 1-based positions joined by dots; the top level's are "1", "2", ...
/// </summary>
public readonly record struct TreePath(string Value)
{
    public const char Separator = '.';

    public int Depth => Value.Count(c => c == Separator) + 1;

    public int Position => int.Parse(Value[(Value.LastIndexOf(Separator) + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The parent's path; empty at the top level.</summary>
    public string Parent => Value.LastIndexOf(Separator) is var at and >= 0 ? Value[..at] : "";

    /// <summary>The top-level branch this one descends from (itself at the top level).</summary>
    public string Top => Value.IndexOf(Separator) is var at and >= 0 ? Value[..at] : Value;

    public static TreePath Root(int position) => new(position.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public TreePath Child(int position) => new($"{Value}{Separator}{position.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    public override string ToString() => Value;

    /// <summary>Paths in tree order: a branch before its children, siblings by position ("1" &lt; "1.2" &lt; "1.10" &lt; "2").</summary>
    public static IComparer<string> Order { get; } = Comparer<string>.Create((left, right) =>
    {
        var a = left.Split(Separator);
        var b = right.Split(Separator);
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var byPosition = int.Parse(a[i], System.Globalization.CultureInfo.InvariantCulture)
                .CompareTo(int.Parse(b[i], System.Globalization.CultureInfo.InvariantCulture));
            if (byPosition != 0) return byPosition;
        }
        return a.Length.CompareTo(b.Length);
    });
}

/// <summary>
/// The most a deep research's tree can hold: <c>breadth</c> branches at the top, and under each
/// branch of a level ceil(b / 2) children, where b is that level's breadth, while depth remains.
/// A tree finds fewer branches when a branch proposes fewer follow-ups or fails; never more.
/// </summary>
public sealed record DeepTreeShape(int Breadth, int Depth)
{
    /// <summary>The breadth of a level (1-based): how many children each branch of the level above may have.</summary>
    public int BreadthAt(int level)
    {
        var breadth = Breadth;
        for (var l = 1; l < level; l++) breadth = (breadth + 1) / 2;
        return breadth;
    }

    /// <summary>The children a branch at <paramref name="depth"/> may have (0 at the last level).</summary>
    public int ChildrenAt(int depth) => depth >= Depth ? 0 : BreadthAt(depth + 1);

    /// <summary>The most branches below one branch at <paramref name="depth"/>.</summary>
    public int DescendantsAt(int depth)
    {
        var total = 0;
        var level = 1;
        for (var d = depth + 1; d <= Depth; d++)
        {
            level *= BreadthAt(d);
            total += level;
        }
        return total;
    }

    /// <summary>The most branches the whole tree can hold.</summary>
    public int MaxBranches => Breadth * (1 + DescendantsAt(1));
}
