using System.Text.RegularExpressions;
using Researcher.Core.Text;

namespace Researcher.Core.Writing;

/// <summary>
/// Scores evidence sentences as answers to a question: BM25 relevance of the sentence to the
/// question's terms, weighted by how many of those terms it covers, boosted when the sentence
/// defines or instructs about what is asked ("The event log is ...", "To cancel a research, ..."),
/// and lowered when it is a version note ("Changed in version 3.3: ...") and the question is not
/// about versions. A sentence with
/// no question term scores 0, unless it holds terms that characterise the pool's best passages:
/// the question is expanded with them by pseudo-relevance feedback (<see cref="RelevanceFeedback"/>),
/// so "`pickle`" counts for a question about saving objects to a file when the best passages are
/// about pickle, as the search expands a question with its best sections' terms. With
/// <see cref="SentenceMeanings"/>, <see cref="Rank"/> combines that
/// score with the sentence's embedding's similarity to the question (<see cref="ConvexCombination"/>),
/// so a sentence that answers in other words than the question's ranks too. Where a
/// sentence stands counts in that second ranking: it is embedded under its source's title and
/// section heading.
/// </summary>
internal sealed partial class AnswerRanker(IReadOnlyList<EvidenceSentence> sentences, ExtractiveWritingOptions options, SentenceMeanings? meanings = null)
{
    private const double VersionNoteFactor = 0.5;
    private readonly Bm25Scorer bm25 = new(sentences.Select(s => (IReadOnlyList<string>)s.Terms.ToList()).ToList(), options.SentenceLengthNormalization);

    /// <summary>
    /// The score of <paramref name="sentence"/> as an answer to a question with <paramref name="questionTerms"/>
    /// and the weighted <paramref name="expansionTerms"/> of feedback; <paramref name="asksHowTo"/>
    /// when it asks how to do something (a sentence naming code then scores more), <paramref name="asksAboutVersions"/>
    /// when it asks about versions or changes (otherwise a version note, "Changed in version 3.3: ...", scores less).
    /// </summary>
    private double Score(EvidenceSentence sentence, IReadOnlySet<string> questionTerms, IReadOnlyList<WeightedTerm> expansionTerms,
        bool asksHowTo, bool asksAboutVersions)
    {
        if (questionTerms.Count == 0) return 0;
        var relevance = bm25.Score(questionTerms, sentence.Order) + bm25.Score(expansionTerms, sentence.Order);
        if (relevance <= 0) return 0;

        var coverage = (double)questionTerms.Count(sentence.Terms.Contains) / questionTerms.Count;
        var score = relevance * (0.5 + coverage);
        score *= 1 + (options.DefinitionBoost - 1) * DefinedShare(sentence.Text, questionTerms);
        if (asksHowTo && sentence.Text.Contains('`')) score *= options.NamedToolBoost;
        if (!asksAboutVersions && VersionNote().IsMatch(sentence.Text)) score *= VersionNoteFactor;
        return score;
    }

    /// <summary>
    /// The sentences in <paramref name="pool"/> best first as answers to <paramref name="question"/>
    /// (ties in draft order), skipping any that repeat one ranked before it. A sentence that answers
    /// scores above 0: by its terms (<see cref="Score"/>), or, with embeddings, by a similarity to the
    /// question of at least <see cref="ExtractiveWritingOptions.MinSentenceSimilarity"/>. The similarity
    /// weighs <paramref name="denseWeight"/> in the combination, by default <see cref="ExtractiveWritingOptions.DenseWeight"/>.
    /// </summary>
    public IReadOnlyList<(EvidenceSentence Sentence, double Score)> Rank(IEnumerable<EvidenceSentence> pool, string question, double? denseWeight = null)
    {
        var questionTerms = ResearchAnalyzer.DistinctTerms(question);
        var asksHowTo = HowToQuestion().IsMatch(question.TrimStart());
        var asksAboutVersions = VersionQuestion().IsMatch(question);
        var candidates = pool.ToList();
        var bestPassages = candidates.Select(s => s.Passage).Distinct().OrderByDescending(p => p.Score).Take(options.FeedbackPassages);
        var expansionTerms = RelevanceFeedback.ExpansionTerms(bestPassages.Select(p => $"{p.Section}\n{p.Text}"),
            questionTerms, bm25.InverseDocumentFrequency, options.FeedbackTerms, options.FeedbackWeight);
        var lexical = candidates.Select(s => (Sentence: s, Score: Score(s, questionTerms, expansionTerms, asksHowTo, asksAboutVersions))).ToList();
        var ranked = new List<(EvidenceSentence, double)>();
        foreach (var (sentence, score) in Fused(lexical, question, denseWeight ?? options.DenseWeight)
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Sentence.Order))
        {
            if (ranked.Any(r => TermOverlap.Jaccard(r.Item1.Terms, sentence.Terms) >= options.NearDuplicateSimilarity)) continue;
            ranked.Add((sentence, score));
        }
        return ranked;
    }

    /// <summary>
    /// The lexical scores as they are without embeddings; with them, each sentence's
    /// <see cref="ConvexCombination"/> of its lexical score (when above 0) and its similarity to the
    /// question (when at least the floor), each scaled over the sentences that have one, the
    /// similarity weighing <paramref name="denseWeight"/>.
    /// </summary>
    private IEnumerable<(EvidenceSentence Sentence, double Score)> Fused(List<(EvidenceSentence Sentence, double Score)> lexical, string question, double denseWeight)
    {
        if (meanings is null) return lexical;
        var similarities = lexical.Select(s => meanings.Similarity(question, s.Sentence) is { } similarity && similarity >= options.MinSentenceSimilarity
            ? similarity
            : (double?)null).ToList();
        var combined = ConvexCombination.Of(lexical.Select(s => s.Score > 0 ? s.Score : (double?)null).ToList(), similarities, denseWeight);
        return lexical.Select((s, i) => (s.Sentence, combined[i]));
    }

    /// <summary>
    /// How much of the question a definition or instruction in <paramref name="text"/> is about: the
    /// idf-weighted share of question terms in its subject ("The event log" in "The event log is ..."),
    /// or in an instruction's opening clause ("cancel a research" in "To cancel a research, ..."),
    /// from 0 (not a definition, or about
    /// nothing asked) to 1 (about every question term).
    /// </summary>
    private double DefinedShare(string text, IReadOnlySet<string> questionTerms)
    {
        var match = DefinitionSubject().Match(text);
        if (!match.Success) match = InstructionClause().Match(text);
        if (!match.Success) return 0;

        return WeightedShare(questionTerms, ResearchAnalyzer.DistinctTerms(match.Groups["subject"].Value));
    }

    /// <summary>The idf-weighted share of <paramref name="questionTerms"/> found in <paramref name="terms"/>, from 0 to 1.</summary>
    private double WeightedShare(IReadOnlySet<string> questionTerms, IReadOnlySet<string> terms)
    {
        var total = questionTerms.Sum(bm25.InverseDocumentFrequency);
        return total <= 0 ? 0 : questionTerms.Where(terms.Contains).Sum(bm25.InverseDocumentFrequency) / total;
    }

    [GeneratedRegex(@"^(?<subject>[^,;:]{2,80}?)\s(?:is|are|was|were|means|refers\s+to|describes|returns|stores|keeps|holds|contains|lets|makes|runs|starts|stops|ends|happens|goes|lives)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DefinitionSubject();

    [GeneratedRegex(@"^(?:To|When|If|After|Once|While|Before)\s(?<subject>[^,]{2,100}),", RegexOptions.CultureInvariant)]
    private static partial Regex InstructionClause();

    [GeneratedRegex(@"^how\s+(?:(?:do|can|could|should|would|shall)\s+(?:i|we|you|one)|to)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HowToQuestion();

    /// <summary>A release note about the documented thing rather than a statement of what it does.</summary>
    [GeneratedRegex(@"^(?:Changed|New|Added|Deprecated|Removed)\s+(?:in|since)\s+(?:version\s+)?\d", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VersionNote();

    [GeneratedRegex(@"\b(?:versions?|changed|changes|new|added|deprecated|removed|since|release[sd]?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VersionQuestion();
}
