namespace Researcher.Core.Llm;

/// <summary>
/// A model's answer could not be used even after the one repair attempt. The message names the
/// expected type and the faults found, never the model's text (which may echo sources or prompts)
/// or any key; <see cref="Usage"/> still counts the tokens spent, for costs.
/// </summary>
public sealed class LlmAnswerException(string answerType, IReadOnlyList<string> faults, LlmUsage usage)
    : Exception($"The model gave no acceptable {answerType} answer after one repair attempt: {string.Join(" ", faults)}")
{
    /// <summary>The .NET type the answer should have been read into.</summary>
    public string AnswerType { get; } = answerType;

    /// <summary>What was wrong with the last answer.</summary>
    public IReadOnlyList<string> Faults { get; } = faults;

    /// <summary>Tokens of both attempts.</summary>
    public LlmUsage Usage { get; } = usage;
}
