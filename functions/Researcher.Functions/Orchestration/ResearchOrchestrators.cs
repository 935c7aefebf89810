using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Researcher.Core.Workflow;

namespace Researcher.Functions.Orchestration;

/// <summary>The orchestrator functions: each runs a Core workflow over the orchestration's context, nothing else.</summary>
public static class ResearchOrchestrators
{
    [Function(DurableFunctionNames.StandardResearch)]
    public static Task<ResearchOutcome> RunStandardResearchAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        StandardResearchWorkflow.RunAsync(new DurableResearchContext(context), RequireInput<ResearchInput>(context));

    [Function(DurableFunctionNames.SubQuestionResearch)]
    public static Task<SubQuestionFindings> RunSubQuestionResearchAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        SubQuestionWorkflow.RunAsync(new DurableResearchContext(context), RequireInput<SubQuestionInput>(context));

    [Function(DurableFunctionNames.DeepResearchBranch)]
    public static Task<DeepBranchFindings> RunDeepResearchBranchAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        DeepBranchWorkflow.RunAsync(new DurableResearchContext(context), RequireInput<DeepBranchInput>(context));

    private static T RequireInput<T>(TaskOrchestrationContext context) =>
        context.GetInput<T>() ?? throw new InvalidOperationException(
            $"Orchestration {context.InstanceId} was started without its {typeof(T).Name}.");
}
