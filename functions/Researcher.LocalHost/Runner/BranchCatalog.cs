using Researcher.Core.Workflow;

namespace Researcher.LocalHost.Runner;

/// <summary>A branch workflow as the runner calls it: a child context and serialized input in, serialized output out.</summary>
public delegate Task<string> SerializedBranchWorkflow(IResearchContext context, string inputJson);

/// <summary>The branch workflows (Durable sub-orchestrations) the runner can start, by name.</summary>
public sealed class BranchCatalog
{
    private readonly Dictionary<string, SerializedBranchWorkflow> workflows = new(StringComparer.Ordinal);

    /// <summary>The branches of a research: one per sub-question.</summary>
    public static BranchCatalog ForResearch() => new BranchCatalog()
        .Add(ResearchWorkflows.SubQuestion, SubQuestionWorkflow.RunAsync);

    public BranchCatalog Add<TInput, TOutput>(BranchDefinition<TInput, TOutput> branch, Func<IResearchContext, TInput, Task<TOutput>> workflow)
    {
        workflows[branch.Name] = async (context, inputJson) =>
        {
            var input = StepJson.Deserialize<TInput>(inputJson, branch.Name);
            return StepJson.Serialize(await workflow(context, input));
        };
        return this;
    }

    /// <summary>The named branch workflow; throws when none of that name is registered (a programming error).</summary>
    public SerializedBranchWorkflow Get(string branchName) =>
        workflows.TryGetValue(branchName, out var workflow)
            ? workflow
            : throw new InvalidOperationException($"No workflow is registered for branch '{branchName}'.");
}
