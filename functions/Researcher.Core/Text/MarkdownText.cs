using System.Text;

namespace Researcher.Core.Text;

/// <summary>
/// Makes text from sources safe to place in a markdown report: it renders as the same words and
/// cannot open links, images, emphasis or HTML. Balanced `code spans` are kept as they are (their
/// content renders literally); every other markdown-significant character is backslash-escaped.
/// </summary>
public static class MarkdownText
{
    private const string Significant = "\\`*_[]<>&~|";

    /// <summary>The escaped text; an unbalanced backtick is escaped too.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf('`', position);
            var close = open < 0 ? -1 : text.IndexOf('`', open + 1);
            if (close < 0)
            {
                AppendEscaped(builder, text, position, text.Length);
                break;
            }
            AppendEscaped(builder, text, position, open);
            builder.Append(text, open, close - open + 1);
            position = close + 1;
        }
        if (builder.Length > 0 && builder[0] == '#') builder.Insert(0, '\\');
        return builder.ToString();
    }

    /// <summary>A link destination for <paramref name="location"/> that markdown reads as one URL (spaces, brackets and quotes percent-encoded).</summary>
    public static string LinkDestination(string location)
    {
        var builder = new StringBuilder(location.Length);
        foreach (var c in location)
        {
            builder.Append(c switch
            {
                ' ' => "%20",
                '(' => "%28",
                ')' => "%29",
                '<' => "%3C",
                '>' => "%3E",
                '"' => "%22",
                _ when char.IsWhiteSpace(c) || char.IsControl(c) => "%20",
                _ => c.ToString(),
            });
        }
        return builder.ToString();
    }

    private static void AppendEscaped(StringBuilder builder, string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (Significant.Contains(text[i])) builder.Append('\\');
            builder.Append(text[i]);
        }
    }
}
