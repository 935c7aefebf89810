namespace Researcher.Core.Contracts;

/// <summary>
/// The voice a report is written in: the seventeen tones GPT-Researcher offers, under the same
/// names, so its users find the ones they know. Only a language model writes in a tone; the
/// offline writer quotes its sources and says so when a tone was asked for.
/// </summary>
public enum ReportTone
{
    Objective,
    Formal,
    Analytical,
    Persuasive,
    Informative,
    Explanatory,
    Descriptive,
    Critical,
    Comparative,
    Speculative,
    Reflective,
    Narrative,
    Humorous,
    Optimistic,
    Pessimistic,
    Simple,
    Casual,
}

/// <summary>Wire names (lower case) of <see cref="ReportTone"/> and what each asks of the writer.</summary>
public static class ReportTones
{
    private static readonly IReadOnlyDictionary<ReportTone, string> Descriptions = new Dictionary<ReportTone, string>
    {
        [ReportTone.Objective] = "impartial: present the facts and findings without taking sides",
        [ReportTone.Formal] = "formal: academic register, precise wording, no colloquialisms",
        [ReportTone.Analytical] = "analytical: examine the evidence critically, weigh it, and draw reasoned conclusions",
        [ReportTone.Persuasive] = "persuasive: argue for the conclusion the evidence best supports, and say why",
        [ReportTone.Informative] = "informative: clear, complete information for a reader new to the topic",
        [ReportTone.Explanatory] = "explanatory: make complex ideas and processes understandable, step by step",
        [ReportTone.Descriptive] = "descriptive: detailed depiction of the phenomena, cases or settings studied",
        [ReportTone.Critical] = "critical: judge the strength of the evidence and the claims, naming their weaknesses",
        [ReportTone.Comparative] = "comparative: set the options, views or findings side by side and contrast them",
        [ReportTone.Speculative] = "speculative: explore implications and hypotheses, marking clearly what is speculation",
        [ReportTone.Reflective] = "reflective: consider what the findings mean and what they leave open",
        [ReportTone.Narrative] = "narrative: tell the findings as a story with a clear thread",
        [ReportTone.Humorous] = "light-hearted: engaging and witty, without distorting any fact",
        [ReportTone.Optimistic] = "optimistic: give weight to opportunities and positive findings, without hiding risks",
        [ReportTone.Pessimistic] = "cautious: give weight to risks, limitations and negative findings",
        [ReportTone.Simple] = "simple: plain words and short sentences for a young or non-specialist reader",
        [ReportTone.Casual] = "casual: conversational and relaxed, still accurate",
    };

    /// <summary>Every accepted wire name, in declaration order.</summary>
    public static IReadOnlyList<string> WireNames { get; } = Enum.GetValues<ReportTone>().Select(ToWireName).ToArray();

    public static string ToWireName(this ReportTone tone) => tone.ToString().ToLowerInvariant();

    public static bool TryParse(string wireName, out ReportTone tone)
    {
        tone = Enum.GetValues<ReportTone>().FirstOrDefault(t => t.ToWireName() == wireName.Trim().ToLowerInvariant());
        return WireNames.Contains(wireName.Trim().ToLowerInvariant());
    }

    /// <summary>What the tone asks of the writer, as an instruction.</summary>
    public static string Describe(this ReportTone tone) => Descriptions[tone];
}
