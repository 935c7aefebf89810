using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Researcher.Core.Context;
using Researcher.Core.Contracts;
using Researcher.Core.Planning;
using Researcher.Core.Text;

namespace Researcher.Core.Llm;

/// <summary>
/// Takes notes with the fast model: given a sub-question and the passages selected from one source,
/// it keeps what that source says that bears on the sub-question as short, self-contained
/// statements (numbers, names and dates kept exact), or says the source is not relevant. The writer
/// then works from notes that each belong to one source, so its citations stay exact while its
/// prompt shrinks to what matters (context compression, as GPT-Researcher does per sub-query).
/// </summary>
/// <remarks>
/// The answer is JSON read through <see cref="StructuredAnswers"/>: at most
/// <see cref="MaxNotes"/> notes of at most <see cref="MaxNoteCharacters"/> characters, none when
/// not relevant. The passages go into the prompt as untrusted data. Output is capped at
/// <see cref="LlmOptions.NoteMaxOutputTokens"/>, which bounds <see cref="Estimate"/>.
/// </remarks>
public sealed class LlmNoteTaker(IChatClient fastModel, ITokenCounter tokens, IOptions<LlmOptions> options) : ISourceNoteTaker
{
    public const int MaxNotes = 12;
    public const int MaxNoteCharacters = 600;
    internal const string PassageTag = "passage";

    internal sealed record NotesAnswer(bool Relevant, IReadOnlyList<string> Notes);

    private readonly LlmOptions settings = options.Value;

    public ResearchUsage Estimate(SubQuestion subQuestion, IReadOnlyList<Passage> passages, WritingStyle style) =>
        CallEstimate.OfStructuredCall<NotesAnswer>(
            tokens, Messages(subQuestion, passages, style), settings.NoteMaxOutputTokens, settings.PriceOf(settings.FastModel));

    public async Task<SourceNotes> TakeNotesAsync(
        SubQuestion subQuestion, IReadOnlyList<Passage> passages, WritingStyle style, CancellationToken cancellationToken)
    {
        var source = passages[0];
        var answer = await StructuredAnswers.AskAsync<NotesAnswer>(
            fastModel,
            Messages(subQuestion, passages, style),
            Faults,
            new ChatOptions { MaxOutputTokens = settings.NoteMaxOutputTokens },
            cancellationToken).ConfigureAwait(false);
        var notes = answer.Value.Relevant
            ? answer.Value.Notes.Select(PlainText.SingleLine).Where(n => n.Length > 0).ToList()
            : [];
        return new SourceNotes(source.SourceLocation, source.SourceTitle, notes.Count > 0, notes);
    }

    private static List<ChatMessage> Messages(SubQuestion subQuestion, IReadOnlyList<Passage> passages, WritingStyle style) =>
        [new ChatMessage(ChatRole.System, Instructions(style)), new ChatMessage(ChatRole.User, Request(subQuestion, passages))];

    private static string Instructions(WritingStyle style) =>
        "You take research notes. You get a sub-question and passages from ONE source. Write down what this source " +
        "says that helps answer the sub-question, as short self-contained statements: one fact, figure, definition, " +
        "step or claim each, understandable without the passages, keeping numbers, names, versions and dates exactly " +
        $"as written. At most {MaxNotes} notes of at most {MaxNoteCharacters} characters each; no commentary, no " +
        "knowledge of your own, nothing the passages do not say. If the passages do not bear on the sub-question, " +
        "answer relevant=false with no notes. " +
        $"Write the notes in {style.Language ?? "the language of the sub-question"}. " +
        UntrustedText.Rule(PassageTag);

    private static string Request(SubQuestion subQuestion, IReadOnlyList<Passage> passages)
    {
        var request = new StringBuilder()
            .Append("Sub-question: ").Append(PlainText.CollapseWhitespace(subQuestion.Text)).Append("\n\n")
            .Append("Source title: ").Append(PlainText.CollapseWhitespace(passages[0].SourceTitle)).Append("\n\n");
        foreach (var passage in passages)
        {
            var content = string.IsNullOrWhiteSpace(passage.Section)
                ? passage.Text.Trim()
                : $"Section: {PlainText.CollapseWhitespace(passage.Section)}\n\n{passage.Text.Trim()}";
            request.Append(UntrustedText.Block(PassageTag, content)).Append("\n\n");
        }
        return request.ToString();
    }

    private static IReadOnlyList<string> Faults(NotesAnswer answer)
    {
        var faults = new List<string>();
        var notes = answer.Notes ?? [];
        if (notes.Count > MaxNotes)
            faults.Add($"notes must hold at most {MaxNotes} items, not {notes.Count}.");
        if (answer.Relevant && notes.Count == 0)
            faults.Add("relevant is true but notes is empty; give the notes, or set relevant to false.");
        for (var index = 0; index < notes.Count; index++)
        {
            if (string.IsNullOrWhiteSpace(notes[index]))
                faults.Add($"notes[{index}] is empty.");
            else if (notes[index].Length > MaxNoteCharacters)
                faults.Add($"notes[{index}] is longer than {MaxNoteCharacters} characters.");
        }
        return faults;
    }
}
