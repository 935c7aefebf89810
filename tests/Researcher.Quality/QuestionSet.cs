using System.Text.Json;
using System.Text.Json.Serialization;
using Researcher.Testing;

namespace Researcher.Quality;

/// <summary>One benchmark question, asked in a user's words, with the documents and facts a good report holds.</summary>
public sealed record BenchmarkQuestion(string Question, IReadOnlyList<string> ExpectedSources, IReadOnlyList<string> ExpectedFacts);

/// <summary>
/// A question set as stored in JSON: <see cref="Corpus"/> describes the documents (and where they
/// come from), <see cref="CorpusPath"/> is their folder, absolute or relative to the repository root.
/// Expected sources are paths relative to that folder; a fact counts when any one expected fact is found.
/// </summary>
public sealed record QuestionSet(string Corpus, IReadOnlyList<BenchmarkQuestion> Questions, string? CorpusPath = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads the set at <paramref name="path"/>; throws <see cref="InvalidDataException"/> when it is not a usable set.</summary>
    public static QuestionSet Load(string path)
    {
        QuestionSet? set;
        try
        {
            set = JsonSerializer.Deserialize<QuestionSet>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a question set: {ex.Message}", ex);
        }
        if (set is null || set.Questions.Count == 0)
            throw new InvalidDataException($"{path} holds no questions.");
        var incomplete = set.Questions.FirstOrDefault(q =>
            string.IsNullOrWhiteSpace(q.Question) || q.ExpectedSources.Count == 0 || q.ExpectedFacts.Count == 0);
        if (incomplete is not null)
            throw new InvalidDataException($"{path}: every question needs its text, an expected source and an expected fact (\"{incomplete.Question}\" does not).");
        return set;
    }

    /// <summary>The documents folder <see cref="CorpusPath"/> names, as a full path; null when the set names none.</summary>
    public string? CorpusFolder => CorpusPath is null
        ? null
        : Path.GetFullPath(Path.IsPathRooted(CorpusPath) ? CorpusPath : Path.Combine(RepositoryPaths.Root, CorpusPath));
}
