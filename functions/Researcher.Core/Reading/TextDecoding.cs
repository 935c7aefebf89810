using System.Text;

namespace Researcher.Core.Reading;

/// <summary>Turns a text file's bytes into a string.</summary>
internal static class TextDecoding
{
    /// <summary>
    /// The content as text: UTF-8 unless a byte-order mark says otherwise (the mark is removed).
    /// Throws <see cref="SourceUnreadableException"/> when the content holds NUL characters (a binary file).
    /// </summary>
    public static string Decode(string location, byte[] content)
    {
        using var reader = new StreamReader(new MemoryStream(content), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return RefuseBinary(location, reader.ReadToEnd());
    }

    /// <summary>
    /// <paramref name="text"/> itself, or <see cref="SourceUnreadableException"/> when it holds NUL
    /// characters: no text format has them, so the bytes were a binary file's.
    /// </summary>
    public static string RefuseBinary(string location, string text) =>
        text.Contains('\0') ? throw new SourceUnreadableException(location, "the file is binary, not text") : text;
}
