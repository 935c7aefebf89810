namespace Researcher.Core.Text;

/// <summary>
/// Okapi BM25 over a small in-memory collection of analysed texts (passages, sentences), with
/// k1 = 1.2 and length normalization b (0.75 by default; lower favours longer texts less harshly).
/// Document frequencies and lengths are computed once when the scorer is built; scoring is then
/// read-only and thread-safe.
/// </summary>
public sealed class Bm25Scorer
{
    public const double DefaultLengthNormalization = 0.75;
    private const double K1 = 1.2;

    private readonly double b;

    private readonly IReadOnlyList<IReadOnlyList<string>> documents;
    private readonly Dictionary<string, int>[] termCounts;
    private readonly Dictionary<string, int> documentFrequency = new(StringComparer.Ordinal);
    private readonly double averageLength;

    public Bm25Scorer(IReadOnlyList<IReadOnlyList<string>> documents, double lengthNormalization = DefaultLengthNormalization)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lengthNormalization, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lengthNormalization, 1);
        b = lengthNormalization;
        this.documents = documents;
        termCounts = new Dictionary<string, int>[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var term in documents[i])
                counts[term] = counts.GetValueOrDefault(term) + 1;
            termCounts[i] = counts;
            foreach (var term in counts.Keys)
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
        }
        averageLength = documents.Count == 0 ? 0 : documents.Average(d => (double)d.Count);
    }

    /// <summary>How rare <paramref name="term"/> is in the collection (BM25's non-negative idf).</summary>
    public double InverseDocumentFrequency(string term)
    {
        var frequency = documentFrequency.GetValueOrDefault(term);
        return Math.Log(1 + (documents.Count - frequency + 0.5) / (frequency + 0.5));
    }

    /// <summary>The BM25 score of document <paramref name="documentIndex"/> for the distinct <paramref name="queryTerms"/>; 0 when none occurs.</summary>
    public double Score(IEnumerable<string> queryTerms, int documentIndex)
    {
        var lengthRatio = LengthRatio(documentIndex);
        return queryTerms.Distinct(StringComparer.Ordinal).Sum(term => TermScore(term, documentIndex, lengthRatio));
    }

    /// <summary>
    /// The BM25 score of document <paramref name="documentIndex"/> for <paramref name="weightedTerms"/>
    /// (each distinct), each term's share multiplied by its weight; 0 when none occurs.
    /// </summary>
    internal double Score(IEnumerable<WeightedTerm> weightedTerms, int documentIndex)
    {
        var lengthRatio = LengthRatio(documentIndex);
        return weightedTerms.Sum(weighted => weighted.Weight * TermScore(weighted.Term, documentIndex, lengthRatio));
    }

    private double LengthRatio(int documentIndex) => averageLength == 0 ? 1 : documents[documentIndex].Count / averageLength;

    private double TermScore(string term, int documentIndex, double lengthRatio) =>
        termCounts[documentIndex].TryGetValue(term, out var frequency)
            ? InverseDocumentFrequency(term) * frequency * (K1 + 1) / (frequency + K1 * (1 - b + b * lengthRatio))
            : 0;
}
