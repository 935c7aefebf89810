namespace Researcher.Core.Workflow;

/// <summary>
/// The branch that researches one sub-question: search, read every hit (each in its own step, in
/// parallel), then select the passages that answer it. Unreadable sources become warnings; a step
/// that fails after its retries ends the branch with that failure (a gap in the report), not the research.
/// </summary>
public static class SubQuestionWorkflow
{
    public static async Task<SubQuestionFindings> RunAsync(IResearchContext context, SubQuestionInput input)
    {
        try
        {
            return await ResearchAsync(context, input);
        }
        catch (StepFailedException ex)
        {
            return SubQuestionFindings.Failed(input.SubQuestion, ResearchFailure.Of(ex));
        }
    }

    private static async Task<SubQuestionFindings> ResearchAsync(IResearchContext context, SubQuestionInput input)
    {
        var (researchId, subQuestion, spec) = input;
        var results = await context.RunStepAsync(
            ResearchSteps.Search, new SearchInput(researchId, subQuestion.Text, spec.MaxSourcesPerSubQuestion), StepRetryPolicy.Provider);

        var reads = await Task.WhenAll(results.Hits.Select(hit =>
            context.RunStepAsync(ResearchSteps.ReadSource, new ReadSourceInput(researchId, hit), StepRetryPolicy.Provider)));
        var sources = reads.Where(r => r.Source is not null).Select(r => r.Source!).ToList();
        var warnings = reads.Where(r => r.Warning is not null).Select(r => r.Warning!).ToList();
        if (results.Hits.Count == 0)
            warnings.Add($"No sources found for \"{subQuestion.Text}\".");

        var passages = await context.RunStepAsync(ResearchSteps.SelectPassages,
            new SelectPassagesInput(researchId, subQuestion, sources, spec.MaxPassagesPerSubQuestion, spec.MaxPassageCharactersPerSubQuestion),
            StepRetryPolicy.Storage);
        return new SubQuestionFindings(subQuestion, passages, warnings, Sources: sources);
    }
}
