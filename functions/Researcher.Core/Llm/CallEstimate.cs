using Microsoft.Extensions.AI;
using Researcher.Core.Contracts;
using Researcher.Core.Text;

namespace Researcher.Core.Llm;

/// <summary>
/// How a model call is sized before it is made: its prompt's tokens as the registered
/// <see cref="ITokenCounter"/> counts them, with an allowance for the chat format around each
/// message, plus the call's output cap, priced as <see cref="MeteredChatClient"/> prices the call
/// once made. The worst case a budget must be able to pay for.
/// </summary>
internal static class CallEstimate
{
    /// <summary>Tokens allowed for the chat format around one message.</summary>
    public const int MessageOverheadTokens = 50;

    /// <summary>The tokens <paramref name="messages"/> cost as a prompt, the chat format's allowance included.</summary>
    public static int InputTokens(ITokenCounter tokens, IEnumerable<ChatMessage> messages) =>
        messages.Sum(m => tokens.CountTokens(m.Text ?? "") + MessageOverheadTokens);

    /// <summary>A call of <paramref name="inputTokens"/> that writes all <paramref name="maxOutputTokens"/>, at <paramref name="price"/>.</summary>
    public static ResearchUsage Priced(int inputTokens, int maxOutputTokens, ModelPrice? price) =>
        MeteredChatClient.Priced(new LlmUsage(inputTokens, maxOutputTokens, inputTokens + maxOutputTokens), price);

    /// <summary>
    /// The most the first attempt of <see cref="StructuredAnswers.AskAsync{T}"/> with
    /// <paramref name="messages"/> can cost: the messages and the schema instruction it adds, and
    /// the output cap. (A rare repair attempt is not included.)
    /// </summary>
    public static ResearchUsage OfStructuredCall<T>(ITokenCounter tokens, IList<ChatMessage> messages, int maxOutputTokens, ModelPrice? price) =>
        Priced(InputTokens(tokens, StructuredAnswers.Conversation<T>(messages)), maxOutputTokens, price);
}
