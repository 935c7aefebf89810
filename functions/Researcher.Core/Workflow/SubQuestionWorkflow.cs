using Researcher.Core.Contracts;
using Researcher.Core.Planning;

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
        var (passages, sources, warnings) = await GatherAsync(
            context, researchId, subQuestion, spec, spec.MaxSourcesPerSubQuestion, spec.TakeNotes ? spec.Style : null);
        var findings = new SubQuestionFindings(subQuestion, passages, warnings, Sources: sources) { Usage = passages.Usage ?? ResearchUsage.Zero };
        return spec.TakeNotes ? await TakeNotesAsync(context, input, passages, findings) : findings;
    }

    /// <summary>
    /// What a branch gathers for <paramref name="subQuestion"/>: its search (at most
    /// <paramref name="maxSources"/> results), every hit read in its own step, all at once, and the
    /// passages selected from what could be read (with note estimates in <paramref name="noteStyle"/>
    /// when set). The sources that could not be read, or a search that found none, are warnings.
    /// </summary>
    public static async Task<GatheredSources> GatherAsync(
        IResearchContext context, string researchId, SubQuestion subQuestion, ResearchSpec spec, int maxSources, WritingStyle? noteStyle)
    {
        var results = await context.RunStepAsync(
            ResearchSteps.Search, new SearchInput(researchId, subQuestion.SearchText, maxSources) { SourceUrls = spec.SourceUrls },
            StepRetryPolicy.Provider);

        var reads = await Task.WhenAll(results.Hits.Select(hit =>
            context.RunStepAsync(ResearchSteps.ReadSource, new ReadSourceInput(researchId, hit), StepRetryPolicy.Provider)));
        var sources = reads.Where(r => r.Source is not null).Select(r => r.Source!).ToList();
        var warnings = reads.Where(r => r.Warning is not null).Select(r => r.Warning!).ToList();
        if (results.Hits.Count == 0)
            warnings.Add($"No sources found for \"{subQuestion.Text}\".");

        var passages = await context.RunStepAsync(ResearchSteps.SelectPassages,
            new SelectPassagesInput(researchId, subQuestion, sources, spec.MaxPassagesPerSubQuestion, spec.MaxPassageCharactersPerSubQuestion)
            {
                NoteStyle = noteStyle,
            },
            StepRetryPolicy.Provider);
        return new GatheredSources(passages, sources, warnings);
    }

    /// <summary>
    /// Notes from each source that has passages, best source first, as many as fit the branch's
    /// allowance by their estimates (all at once, each its own step); the sources that do not fit
    /// are left out, and the branch says its budget was reached.
    /// </summary>
    private static async Task<SubQuestionFindings> TakeNotesAsync(
        IResearchContext context, SubQuestionInput input, PassageSetRef passages, SubQuestionFindings findings)
    {
        var left = input.Allowance.Minus(findings.Usage);
        var chosen = new List<NoteEstimate>();
        foreach (var estimate in passages.NoteEstimates)
        {
            if (!left.Fits(estimate.Estimate)) break;
            chosen.Add(estimate);
            left = left.Minus(estimate.Estimate);
        }
        var notes = await Task.WhenAll(chosen.Select(estimate => context.RunStepAsync(ResearchSteps.TakeNotes,
            new TakeNotesInput(input.ResearchId, input.SubQuestion, passages.ContentName, estimate.SourceLocation, input.Spec.Style),
            StepRetryPolicy.Provider)));
        var skipped = passages.NoteEstimates.Count - chosen.Count;
        var warnings = skipped == 0
            ? findings.Warnings
            : [.. findings.Warnings, $"The budget stopped note-taking for \"{input.SubQuestion.Title}\": {skipped} of its {passages.NoteEstimates.Count} sources were left out."];
        return findings with
        {
            Notes = notes,
            Usage = findings.Usage + ResearchUsage.Sum(notes.Select(n => n.Usage)),
            BudgetReached = skipped > 0,
            Warnings = warnings,
        };
    }
}

/// <summary>What a branch gathered: its selected passages, the sources it read, and its warnings.</summary>
public sealed record GatheredSources(PassageSetRef Passages, IReadOnlyList<SourceRef> Sources, IReadOnlyList<string> Warnings);
