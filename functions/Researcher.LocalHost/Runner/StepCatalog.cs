using Researcher.Core.Workflow;

namespace Researcher.LocalHost.Runner;

/// <summary>A step as the runner calls it: serialized input in, serialized output out.</summary>
public delegate Task<string> SerializedStepHandler(string inputJson, CancellationToken cancellationToken);

/// <summary>
/// The steps the runner can dispatch, by name (the Durable activity name). Each handler is wrapped
/// so that its input and output cross <see cref="StepJson"/>, as they would between Durable
/// activities, and nothing depends on object identity shared with the workflow.
/// </summary>
public sealed class StepCatalog
{
    private readonly Dictionary<string, SerializedStepHandler> handlers = new(StringComparer.Ordinal);

    /// <summary>Every step of a research, answered by Core's step handlers.</summary>
    public static StepCatalog ForResearch(ResearchStepHandlers steps) => new StepCatalog()
        .Add(ResearchSteps.Plan, steps.PlanAsync)
        .Add(ResearchSteps.Search, steps.SearchAsync)
        .Add(ResearchSteps.ReadSource, steps.ReadSourceAsync)
        .Add(ResearchSteps.SelectPassages, steps.SelectPassagesAsync)
        .Add(ResearchSteps.WriteReport, steps.WriteReportAsync)
        .Add(ResearchSteps.RecordProgress, steps.RecordProgressAsync);

    /// <summary>Registers the handler of <paramref name="step"/>; a later registration of the same name replaces it.</summary>
    public StepCatalog Add<TInput, TOutput>(StepDefinition<TInput, TOutput> step, Func<TInput, CancellationToken, Task<TOutput>> handler)
    {
        handlers[step.Name] = async (inputJson, cancellationToken) =>
        {
            var input = StepJson.Deserialize<TInput>(inputJson, step.Name);
            return StepJson.Serialize(await handler(input, cancellationToken));
        };
        return this;
    }

    /// <summary>The handler of the named step; throws when no step of that name is registered (a programming error).</summary>
    public SerializedStepHandler Get(string stepName) =>
        handlers.TryGetValue(stepName, out var handler)
            ? handler
            : throw new InvalidOperationException($"No handler is registered for step '{stepName}'.");
}
