using System.ComponentModel.DataAnnotations;

namespace Researcher.Core.Search;

/// <summary>How the local-document search ranks sections. Bound from <c>Research:Search</c>.</summary>
public sealed class LocalSearchOptions
{
    public const string SectionName = "Research:Search";

    /// <summary>
    /// How documents are ranked: <see cref="RetrievalMode.Hybrid"/> (the default) fuses BM25's
    /// ranking with the embedding model's by a convex combination of their scores (<see cref="DenseWeight"/>);
    /// the other two use one alone (for comparison; without an embedding model every mode is BM25).
    /// </summary>
    public RetrievalMode Retrieval { get; set; } = RetrievalMode.Hybrid;

    /// <summary>
    /// The dense ranking's share of a hybrid score: each ranking's scores are scaled to 0-1 (min-max
    /// over the documents it returned, 0 for a document it did not), and a document scores
    /// <c>DenseWeight × dense + (1 − DenseWeight) × BM25</c>, the convex combination that Bruch, Gai
    /// and Ingber (2023) found better than reciprocal rank fusion. 0.7 by default, the best of 0.5 to
    /// 0.8 on the quality benchmark's tuning questions (BENCHMARKS.md); 0 orders by BM25, 1 by meaning.
    /// </summary>
    [Range(0.0, 1.0)]
    public double DenseWeight { get; set; } = 0.7;

    /// <summary>
    /// The least cosine similarity between the question and a document's best passage for the dense
    /// ranking to return the document (a vector search's score threshold). Without one, dense retrieval
    /// returns its top documents for any question, so a question the documents cannot answer would still
    /// find sources. 0.35 suits the shipped model (all-MiniLM-L6-v2): measured in BENCHMARKS.md, the page
    /// that answers a question scores 0.41 or more on the Python docs, and off-topic questions score
    /// 0.40 or less there and 0.31 or less on the shipped docs. BM25 hits are not affected.
    /// </summary>
    [Range(-1.0, 1.0)]
    public double MinDenseSimilarity { get; set; } = 0.35;

    /// <summary>Weight of a match in a document's title, relative to a match in a section's body (1).</summary>
    [Range(0.0, 100.0)]
    public double TitleBoost { get; set; } = 2.5;

    /// <summary>Weight of a match in a section's heading, relative to a match in its body (1).</summary>
    [Range(0.0, 100.0)]
    public double HeadingBoost { get; set; } = 2.0;

    /// <summary>
    /// Share of a term's score in its other fields added to its best field's (0: the best field
    /// alone; 1: title, heading and body add up).
    /// </summary>
    [Range(0.0, 1.0)]
    public double FieldTieBreaker { get; set; } = 0.3;

    /// <summary>
    /// How much a section's share of the question's terms (idf-weighted) scales its score: 0
    /// ignores it, 1 makes a section's score proportional to it.
    /// </summary>
    [Range(0.0, 1.0)]
    public double CoverageWeight { get; set; } = 0.8;

    /// <summary>Distinct query terms used; a longer question keeps its first terms.</summary>
    [Range(1, 512)]
    public int MaxQueryTerms { get; set; } = 48;

    /// <summary>Best sections of the first search that expansion terms are taken from (0 turns query expansion off).</summary>
    [Range(0, 50)]
    public int FeedbackSections { get; set; } = 3;

    /// <summary>Terms added to the query from those sections (0 turns query expansion off).</summary>
    [Range(0, 100)]
    public int FeedbackTerms { get; set; } = 8;

    /// <summary>Weight of the strongest expansion term, relative to a term of the question (1).</summary>
    [Range(0.0, 1.0)]
    public double FeedbackWeight { get; set; } = 0.3;

    /// <summary>Sections ranked per requested result, before keeping the best section of each document.</summary>
    [Range(1, 100)]
    public int SectionsPerResult { get; set; } = 8;

    /// <summary>
    /// Term overlap (Jaccard, 0-1) at or above which a document counts as a copy of another in the
    /// folder (the same page as HTML and as its source text) and is not indexed; 1 turns this off
    /// except for documents with exactly the same terms.
    /// </summary>
    [Range(0.5, 1.0)]
    public double DuplicateDocumentSimilarity { get; set; } = 0.75;

    /// <summary>Longest snippet returned with a hit, in characters.</summary>
    [Range(40, 10_000)]
    public int SnippetCharacters { get; set; } = 300;
}

/// <summary>Which rankings a local-document search uses.</summary>
public enum RetrievalMode
{
    /// <summary>BM25 and embeddings, their scaled scores combined (<see cref="LocalSearchOptions.DenseWeight"/>).</summary>
    Hybrid,

    /// <summary>BM25 over terms alone (with query expansion and coverage).</summary>
    Lexical,

    /// <summary>The embeddings' cosine similarity alone.</summary>
    Dense,
}
