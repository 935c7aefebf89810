using System.IO.Hashing;
using System.Runtime.InteropServices;
using Researcher.Core.Reading;
using Researcher.Core.Text;

namespace Researcher.Core.Search;

/// <summary>
/// Finds the documents of a folder that repeat another one (the same page kept as HTML and as its
/// source text, a README copied into two places): their sets of analysed terms have a Jaccard
/// similarity at or above a threshold. Candidate pairs come from locality-sensitive hashing of
/// MinHash signatures, so the work grows with the number of documents rather than its square; each
/// candidate is then compared exactly. Of a group of copies the most structured document is kept: a
/// formatted one (HTML, Markdown, PDF) before plain text, then the one with most sections, then the
/// earliest in the given order. Deterministic.
/// </summary>
internal static class DuplicateDocuments
{
    private const int Bands = 8;
    private const int RowsPerBand = 2;
    private const int SignatureLength = 64;

    /// <summary>
    /// How far below the threshold an estimate may fall and still be checked exactly: the estimate
    /// from 64 values has a standard deviation of at most 0.0625, so a true copy passes at 3 of them.
    /// </summary>
    private const double SignatureSlack = 0.2;

    /// <summary>
    /// <paramref name="documents"/> in their order, less every copy; <paramref name="onCopy"/> hears
    /// of each copy left out, with the document it repeats.
    /// </summary>
    public static IReadOnlyList<SourceDocument> WithoutCopies(
        IReadOnlyList<SourceDocument> documents, double similarity, Action<SourceDocument, SourceDocument> onCopy)
    {
        // Analysing every document is most of the cost: done on every core, in document order.
        var terms = documents.AsParallel().AsOrdered().Select(document => ResearchAnalyzer.DistinctTerms(AllText(document))).ToList();
        var signatures = terms.AsParallel().AsOrdered().Select(MinHashSignature).ToList();
        var preferred = Enumerable.Range(0, documents.Count)
            .OrderBy(index => DocumentParsers.For(documents[index].Location) is PlainTextDocumentParser)
            .ThenByDescending(index => documents[index].Sections.Count)
            .ThenBy(index => index);
        var buckets = new Dictionary<(int Band, ulong Key), List<int>>();
        var isCopy = new bool[documents.Count];
        foreach (var index in preferred)
        {
            if (terms[index].Count == 0) continue;
            var keys = BandKeys(signatures[index]);
            var original = keys
                .SelectMany(key => buckets.TryGetValue(key, out var members) ? members : [])
                .Distinct()
                // The signatures estimate the similarity cheaply; only a likely copy is compared term by term.
                .Where(candidate => EstimatedSimilarity(signatures[index], signatures[candidate]) >= similarity - SignatureSlack)
                .Where(candidate => TermOverlap.Jaccard(terms[index], terms[candidate]) >= similarity)
                .Select(candidate => (int?)candidate)
                .FirstOrDefault();
            if (original is { } kept)
            {
                isCopy[index] = true;
                onCopy(documents[index], documents[kept]);
                continue;
            }
            foreach (var key in keys)
            {
                if (!buckets.TryGetValue(key, out var members)) buckets[key] = members = [];
                members.Add(index);
            }
        }
        return documents.Where((_, index) => !isCopy[index]).ToList();
    }

    private static string AllText(SourceDocument document) =>
        string.Join('\n', document.Sections.SelectMany(section => section.Paragraphs.Prepend(section.Heading ?? "")));

    /// <summary>The share of equal MinHash values: an estimate of the two term sets' Jaccard similarity.</summary>
    private static double EstimatedSimilarity(ulong[] first, ulong[] second) =>
        (double)first.Where((value, i) => value == second[i]).Count() / first.Length;

    /// <summary>One key per band: the band's rows of the MinHash signature, hashed together.</summary>
    private static List<(int Band, ulong Key)> BandKeys(ulong[] signature)
    {
        var keys = new List<(int, ulong)>(Bands);
        for (var band = 0; band < Bands; band++)
        {
            ulong key = 0;
            for (var row = 0; row < RowsPerBand; row++)
                key = key * 31 + signature[band * RowsPerBand + row];
            keys.Add((band, key));
        }
        return keys;
    }

    /// <summary>
    /// The least hash of any term under each of <see cref="SignatureLength"/> hash functions, the
    /// i-th being h1 + i·h2 for two independent hashes of the term (so each term is hashed once).
    /// </summary>
    private static ulong[] MinHashSignature(IReadOnlySet<string> terms)
    {
        var signature = new ulong[SignatureLength];
        Array.Fill(signature, ulong.MaxValue);
        foreach (var term in terms)
        {
            var hash = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(term.AsSpan()));
            var (first, second) = ((ulong)(hash >> 64), (ulong)hash | 1);
            for (var i = 0; i < SignatureLength; i++)
                signature[i] = Math.Min(signature[i], first + (ulong)i * second);
        }
        return signature;
    }
}
