using Researcher.Core.Reading;
using Researcher.Core.Text;

namespace Researcher.Core.Context;

/// <summary>A candidate passage before ranking: its text, where it comes from, and whether its section begins with it.</summary>
internal sealed record PassageCandidate(string SourceLocation, string SourceTitle, string? Section, string Text, bool OpensSection);

/// <summary>
/// Cuts documents into passages: windows of consecutive paragraphs of one section, each at most a
/// given size. A paragraph longer than that is cut between sentences (and a sentence longer than
/// that at a word boundary). Paragraphs inside a passage are separated by a blank line.
/// </summary>
internal static class PassageChunker
{
    public static IEnumerable<PassageCandidate> Chunk(SourceDocument document, int maxCharacters)
    {
        foreach (var section in document.Sections)
        {
            var window = new List<string>();
            var length = 0;
            var opensSection = true;
            foreach (var piece in section.Paragraphs.SelectMany(paragraph => Pieces(paragraph, maxCharacters)))
            {
                if (window.Count > 0 && length + 2 + piece.Length > maxCharacters)
                {
                    yield return new PassageCandidate(document.Location, document.Title, section.Heading, string.Join("\n\n", window), opensSection);
                    opensSection = false;
                    window.Clear();
                    length = 0;
                }
                length += (window.Count > 0 ? 2 : 0) + piece.Length;
                window.Add(piece);
            }
            if (window.Count > 0)
                yield return new PassageCandidate(document.Location, document.Title, section.Heading, string.Join("\n\n", window), opensSection);
        }
    }

    /// <summary>The paragraph itself when it fits, else runs of its sentences that fit.</summary>
    private static IEnumerable<string> Pieces(string paragraph, int maxCharacters)
    {
        if (paragraph.Length <= maxCharacters)
        {
            yield return paragraph;
            yield break;
        }

        var piece = "";
        foreach (var sentence in SentenceSplitter.Split(paragraph).Select(s => Fit(s, maxCharacters)))
        {
            if (piece.Length > 0 && piece.Length + 1 + sentence.Length > maxCharacters)
            {
                yield return piece;
                piece = "";
            }
            piece = piece.Length == 0 ? sentence : $"{piece} {sentence}";
        }
        if (piece.Length > 0) yield return piece;
    }

    private static string Fit(string sentence, int maxCharacters)
    {
        if (sentence.Length <= maxCharacters) return sentence;
        var cut = sentence.LastIndexOf(' ', maxCharacters - 1);
        return sentence[..(cut > 0 ? cut : maxCharacters)];
    }
}
