using System.Text;

namespace Researcher.Core.Text;

/// <summary>Small normalizations applied to every piece of extracted text.</summary>
public static class PlainText
{
    /// <summary>The text with every run of white space (including line breaks) replaced by one space, trimmed.</summary>
    public static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>
    /// The text as one line, for a statement a model wrote: white space collapsed as
    /// <see cref="CollapseWhitespace"/> does, and any other control character dropped.
    /// </summary>
    public static string SingleLine(string text) =>
        CollapseWhitespace(string.Concat(text.Where(c => char.IsWhiteSpace(c) || !char.IsControl(c))));

    /// <summary>The number of white-space separated words in <paramref name="text"/>.</summary>
    public static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
