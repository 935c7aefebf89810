using System.Text.Json;
using System.Text.Json.Serialization;
using Researcher.Testing;

namespace Researcher.Quality;

/// <summary>
/// One benchmark question, asked in a user's words, with the documents and facts a good report
/// holds, and the half of its set it belongs to (<see cref="QuestionSplits"/>).
/// </summary>
public sealed record BenchmarkQuestion(string Question, string Split, IReadOnlyList<string> ExpectedSources, IReadOnlyList<string> ExpectedFacts);

/// <summary>
/// The halves of a question set: <see cref="Tuning"/> questions are the ones the engine may be tuned
/// on; <see cref="HeldOut"/> questions were written before any tuning and are only measured, so
/// they show whether a change helps questions nobody tuned it on.
/// </summary>
public static class QuestionSplits
{
    public const string Tuning = "tuning";
    public const string HeldOut = "heldout";

    /// <summary>The <c>--split</c> value for every question of the set.</summary>
    public const string All = "all";

    /// <summary>Every split a question may have, in the order totals are printed.</summary>
    public static IReadOnlyList<string> Names { get; } = [Tuning, HeldOut];

    /// <summary>How a split reads in a table: "tuning", "held-out".</summary>
    public static string Label(string split) => split == HeldOut ? "held-out" : split;
}

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
        var unsplit = set.Questions.FirstOrDefault(q => !QuestionSplits.Names.Contains(q.Split));
        if (unsplit is not null)
            throw new InvalidDataException(
                $"{path}: every question's split is \"{QuestionSplits.Tuning}\" or \"{QuestionSplits.HeldOut}\" (\"{unsplit.Question}\" has \"{unsplit.Split}\").");
        return set;
    }

    /// <summary>The questions of <paramref name="split"/> (<see cref="QuestionSplits.All"/>: every question); none when the set has none of that split.</summary>
    public QuestionSet Only(string split) =>
        split == QuestionSplits.All ? this : this with { Questions = Questions.Where(q => q.Split == split).ToList() };

    /// <summary>A set's short name from its file: "python-docs" for python-docs-questions.json.</summary>
    public static string NameOf(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        return name.EndsWith("-questions", StringComparison.Ordinal) ? name[..^"-questions".Length] : name;
    }

    /// <summary>The documents folder <see cref="CorpusPath"/> names, as a full path; null when the set names none.</summary>
    public string? CorpusFolder => CorpusPath is null
        ? null
        : Path.GetFullPath(Path.IsPathRooted(CorpusPath) ? CorpusPath : Path.Combine(RepositoryPaths.Root, CorpusPath));
}
