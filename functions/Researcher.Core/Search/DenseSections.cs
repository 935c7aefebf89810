using System.Numerics.Tensors;

namespace Researcher.Core.Search;

/// <summary>
/// Dense retrieval over the index's passages: each passage's embedding (unit length) in one
/// contiguous matrix, searched exhaustively (a dot product per passage; about 2 ms for 10,000
/// passages of 384 dimensions on one core, so no approximate index is needed at the sizes
/// <see cref="Reading.LocalDocumentsOptions.MaxFiles"/> allows). A section scores as its best
/// passage, a document as its best section. Read-only once built and thread-safe.
/// </summary>
internal sealed class DenseSections
{
    private readonly float[] matrix;
    private readonly int[] passageSection;
    private readonly int dimensions;

    /// <param name="vectors">One vector per passage, all of one length.</param>
    /// <param name="sections">The section (Lucene document id) of each passage.</param>
    public DenseSections(IReadOnlyList<ReadOnlyMemory<float>> vectors, IReadOnlyList<int> sections)
    {
        if (vectors.Count != sections.Count) throw new ArgumentException("One section is needed per vector.", nameof(sections));
        dimensions = vectors.Count == 0 ? 0 : vectors[0].Length;
        matrix = new float[vectors.Count * dimensions];
        for (var i = 0; i < vectors.Count; i++)
        {
            if (vectors[i].Length != dimensions)
                throw new ArgumentException($"Vectors of {vectors[i].Length} and {dimensions} dimensions cannot be searched together.", nameof(vectors));
            var row = matrix.AsSpan(i * dimensions, dimensions);
            vectors[i].Span.CopyTo(row);
            var norm = TensorPrimitives.Norm(row);
            if (norm > 0) TensorPrimitives.Divide(row, norm, row);
        }
        passageSection = [.. sections];
    }

    public int PassageCount => passageSection.Length;

    /// <summary>
    /// The sections closest in meaning to <paramref name="query"/>, best first, at most one per
    /// location (<paramref name="locationOf"/> gives a section's), at most <paramref name="count"/>,
    /// each with its cosine similarity.
    /// </summary>
    public IReadOnlyList<(int Section, double Similarity)> BestPerLocation(ReadOnlyMemory<float> query, int count, Func<int, string> locationOf)
    {
        if (PassageCount == 0 || count <= 0) return [];
        if (query.Length != dimensions)
            throw new InvalidOperationException($"A query vector of {query.Length} dimensions cannot search passages of {dimensions}.");
        var norm = TensorPrimitives.Norm(query.Span);
        var scores = new float[PassageCount];
        for (var i = 0; i < PassageCount; i++)
            scores[i] = norm == 0 ? 0 : TensorPrimitives.Dot(matrix.AsSpan(i * dimensions, dimensions), query.Span) / norm;

        var order = Enumerable.Range(0, PassageCount).ToArray();
        Array.Sort(scores.ToArray(), order, Comparer<float>.Create((x, y) => y.CompareTo(x)));
        var best = new List<(int, double)>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var passage in order)
        {
            var section = passageSection[passage];
            if (!seen.Add(locationOf(section))) continue;
            best.Add((section, scores[passage]));
            if (best.Count == count) break;
        }
        return best;
    }
}
