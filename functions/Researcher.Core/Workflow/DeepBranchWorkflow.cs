using Researcher.Core.Contracts;

namespace Researcher.Core.Workflow;

/// <summary>
/// One branch of a deep research's tree: search its query, read every hit (each in its own step,
/// in parallel), select the passages that answer it, then extract what it learned and the
/// follow-up queries its children will explore. A step that fails after its retries ends the
/// branch with that failure (a gap in the report), not the research.
/// </summary>
public static class DeepBranchWorkflow
{
    public static async Task<DeepBranchFindings> RunAsync(IResearchContext context, DeepBranchInput input)
    {
        try
        {
            return await ExploreAsync(context, input);
        }
        catch (StepFailedException ex)
        {
            return DeepBranchFindings.Failed(input.Query, ResearchFailure.Of(ex));
        }
    }

    private static async Task<DeepBranchFindings> ExploreAsync(IResearchContext context, DeepBranchInput input)
    {
        var (researchId, query, maxFollowUps, spec) = input;
        var maxSources = Math.Max(1, Math.Min(spec.MaxSourcesPerSubQuestion, input.MaxSources));
        var (passages, sources, warnings) = await SubQuestionWorkflow.GatherAsync(context, researchId, query, spec, maxSources, noteStyle: null);
        var spent = passages.Usage ?? ResearchUsage.Zero;

        var learnings = await context.RunStepAsync(ResearchSteps.ExtractLearnings,
            new ExtractLearningsInput(researchId, spec.Question, query, passages.ContentName, input.Known, maxFollowUps, spec.Style)
            {
                Allowance = input.Allowance.Minus(spent),
            },
            StepRetryPolicy.Provider);
        return new DeepBranchFindings(query, passages, learnings, sources, warnings) { Usage = spent + learnings.Usage };
    }
}
