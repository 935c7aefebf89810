namespace Researcher.Core.Contracts;

/// <summary>
/// What this host's engine can do, as far as a request depends on it: a request asking for what it
/// cannot do is refused with a 400 that says why, instead of running and disappointing.
/// </summary>
/// <param name="LanguageModel">A language model is configured (Research:Llm:Provider).</param>
/// <param name="Priced">Prices are configured for every model the engine calls, so a cost budget can hold.</param>
/// <param name="Currency">The currency of the price table.</param>
public sealed record ResearchCapabilities(bool LanguageModel, bool Priced, string Currency = "USD")
{
    public static ResearchCapabilities Offline { get; } = new(false, false);
}
