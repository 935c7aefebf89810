using Microsoft.ML.Tokenizers;

namespace Researcher.Core.Text;

/// <summary>Counts the tokens a text costs a language model: what budgets and estimates are measured in.</summary>
public interface ITokenCounter
{
    int CountTokens(string text);

    /// <summary>
    /// The longest start of <paramref name="text"/> that costs at most <paramref name="maxTokens"/>
    /// tokens: the text itself when it fits, never a token cut in half.
    /// </summary>
    string TakeTokens(string text, int maxTokens);
}

/// <summary>
/// Counts with OpenAI's o200k_base encoding (GPT-4o and later; Microsoft.ML.Tokenizers). For other
/// model families it is an estimate: their tokenizers differ by some percent on English prose.
/// Thread-safe; the encoding is loaded once per process.
/// </summary>
public sealed class TiktokenTokenCounter : ITokenCounter
{
    private static readonly Lazy<Tokenizer> Encoding = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));

    public static TiktokenTokenCounter Instance { get; } = new();

    public int CountTokens(string text) => string.IsNullOrEmpty(text) ? 0 : Encoding.Value.CountTokens(text);

    public string TakeTokens(string text, int maxTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxTokens);
        if (string.IsNullOrEmpty(text) || maxTokens == 0) return "";
        // o200k_base does no normalization, so the index is one into the text as given.
        var end = Encoding.Value.GetIndexByTokenCount(text, maxTokens, out _, out _);
        return end >= text.Length ? text : text[..end];
    }
}
