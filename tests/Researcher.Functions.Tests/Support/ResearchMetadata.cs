using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Researcher.Core.Contracts;
using Researcher.Core.Storage;
using Researcher.Core.Workflow;
using Researcher.Functions.Tests.Orchestration;

namespace Researcher.Functions.Tests.Support;

/// <summary>The Durable metadata of one research's Standard orchestration, as the client returns it with inputs and outputs.</summary>
internal static class ResearchMetadata
{
    public const string ResearchId = "00112233445566778899aabbccddeeff";
    public static readonly DateTimeOffset Created = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Updated = Created.AddMinutes(3);
    private static readonly DataConverter Converter = new JsonDataConverter();

    /// <summary>
    /// The research in <paramref name="status"/>, with its custom status and failure when given; a
    /// completed one has <paramref name="outcome"/> as its output (by default: completed, with its report).
    /// <paramref name="owner"/> is the user who started it (none: started with no identity configured).
    /// </summary>
    public static OrchestrationMetadata Of(
        OrchestrationRuntimeStatus status, ResearchProgress? progress = null, TaskFailureDetails? failure = null, ResearchOutcome? outcome = null,
        string? owner = null) =>
        new(ResearchWorkflows.Standard, ResearchId)
        {
            DataConverter = Converter,
            RuntimeStatus = status,
            CreatedAt = Created,
            LastUpdatedAt = Updated,
            SerializedInput = Converter.Serialize(new ResearchInput(ResearchId, DurableResearchContextTests.Spec(), owner)),
            SerializedCustomStatus = Converter.Serialize(progress),
            SerializedOutput = status == OrchestrationRuntimeStatus.Completed
                ? Converter.Serialize(outcome ?? ResearchOutcome.Completed(new ReportRef(ContentNames.Report(ResearchId), 300, 5, 2), []))
                : null,
            FailureDetails = failure,
        };
}
