using Microsoft.ML.Tokenizers;

namespace Researcher.Core.Text;

/// <summary>Counts the tokens a text costs a language model: what budgets and estimates are measured in.</summary>
public interface ITokenCounter
{
    int CountTokens(string text);
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
}
