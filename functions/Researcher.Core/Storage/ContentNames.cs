using System.Security.Cryptography;
using System.Text;

namespace Researcher.Core.Storage;

/// <summary>The deterministic names of everything a research stores, all under the research's id.</summary>
public static class ContentNames
{
    public static string Report(string researchId) => $"{researchId}/report.md";

    public static string Source(string researchId, string location) => $"{researchId}/sources/{Hash(location)}.json";

    public static string Passages(string researchId, string subQuestionKey) => $"{researchId}/passages/{subQuestionKey}.json";

    public static string Notes(string researchId, string subQuestionKey, string sourceLocation) =>
        $"{researchId}/notes/{subQuestionKey}/{Hash(sourceLocation)}.json";

    /// <summary>A deep research branch's learnings and follow-ups, by the branch's path ("2.1").</summary>
    public static string Learnings(string researchId, string branchPath) => $"{researchId}/learnings/{branchPath}.json";

    private static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..24];
}
