namespace Researcher.Core.Contracts;

/// <summary>The shapes of report the engine can write.</summary>
public enum ReportType
{
    /// <summary>The standard report: a summary that states the answer, one section per sub-question, sources.</summary>
    ResearchReport,
    /// <summary>An annotated list of the sources found, grouped by sub-question.</summary>
    ResourceReport,
    /// <summary>An outline: one heading per sub-question with its key points.</summary>
    OutlineReport,
    /// <summary>
    /// A long report: an introduction, one separately written section per sub-question (each a
    /// subtopic of the plan, researched in its own branch), and a conclusion.
    /// </summary>
    DetailedReport,
    /// <summary>A report written to the user's own instructions (needs a language model).</summary>
    CustomReport,
    /// <summary>
    /// Deep research: a tree of branches explored breadth x depth (each branch searches, reads,
    /// extracts learnings and follow-up queries, and its follow-ups become its children), written
    /// as a detailed report: with a language model a section per top-level branch from everything
    /// its subtree learned, offline a section per branch.
    /// </summary>
    DeepReport,
}

/// <summary>The wire names of <see cref="ReportType"/> (the names GPT-Researcher users know).</summary>
public static class ReportTypes
{
    private static readonly IReadOnlyDictionary<string, ReportType> ByWireName = new Dictionary<string, ReportType>(StringComparer.Ordinal)
    {
        ["research_report"] = ReportType.ResearchReport,
        ["detailed_report"] = ReportType.DetailedReport,
        ["resource_report"] = ReportType.ResourceReport,
        ["outline_report"] = ReportType.OutlineReport,
        ["custom_report"] = ReportType.CustomReport,
        ["deep"] = ReportType.DeepReport,
    };

    /// <summary>Every accepted wire name, in a stable order, for error messages and documentation.</summary>
    public static IReadOnlyList<string> WireNames { get; } = ByWireName.Keys.ToArray();

    public static bool TryParse(string wireName, out ReportType reportType) => ByWireName.TryGetValue(wireName, out reportType);

    public static string ToWireName(this ReportType reportType) => ByWireName.First(pair => pair.Value == reportType).Key;
}
