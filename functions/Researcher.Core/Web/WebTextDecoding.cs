using System.Text;
using System.Text.RegularExpressions;

namespace Researcher.Core.Web;

/// <summary>
/// Turns a fetched body into text the way a browser would: a byte-order mark first (it cannot be
/// wrong about the bytes that follow it), then the Content-Type charset, then for HTML a
/// <c>&lt;meta charset&gt;</c> in the first 1024 bytes, then UTF-8.
/// </summary>
/// <remarks>
/// Labels follow the web's usage: iso-8859-1, latin1 and us-ascii mean windows-1252 (which pages so
/// labelled are in practice), and a meta tag claiming UTF-16 means UTF-8 (the tag could not have been
/// read if it were true). UTF-7 is never used. Legacy code pages come from
/// <see cref="CodePagesEncodingProvider"/> directly, without registering it for the whole process.
/// </remarks>
internal static partial class WebTextDecoding
{
    private const int MetaSniffBytes = 1024;

    private static readonly HashSet<string> Windows1252Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "us-ascii", "ascii", "cp1252", "windows-1252", "x-cp1252",
    };

    /// <summary>The text and the encoding it was decoded with; the byte-order mark, if any, is not part of the text.</summary>
    public static (string Text, Encoding Encoding) Decode(byte[] content, string? headerCharset, bool isHtml)
    {
        var (encoding, bomLength) = FromByteOrderMark(content);
        encoding ??= FromLabel(headerCharset, fromMeta: false);
        if (encoding is null && isHtml)
            encoding = FromLabel(SniffMetaCharset(content), fromMeta: true);
        encoding ??= new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        return (encoding.GetString(content, bomLength, content.Length - bomLength), encoding);
    }

    private static (Encoding? Encoding, int Length) FromByteOrderMark(byte[] content) => content switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 3),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        _ => (null, 0),
    };

    /// <summary>The encoding a charset label names, or null when it names none this reader uses.</summary>
    internal static Encoding? FromLabel(string? label, bool fromMeta)
    {
        label = label?.Trim().Trim('"', '\'').Trim();
        if (string.IsNullOrEmpty(label) || label.StartsWith("utf-7", StringComparison.OrdinalIgnoreCase))
            return null;
        if (Windows1252Labels.Contains(label))
            label = "windows-1252";
        else if (fromMeta && label.StartsWith("utf-16", StringComparison.OrdinalIgnoreCase))
            label = "utf-8";
        try
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(label) ?? Encoding.GetEncoding(label);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string? SniffMetaCharset(byte[] content)
    {
        var head = Encoding.Latin1.GetString(content, 0, Math.Min(content.Length, MetaSniffBytes));
        var match = MetaCharset().Match(head);
        return match.Success ? match.Groups["charset"].Value : null;
    }

    /// <summary>
    /// <c>&lt;meta charset="x"&gt;</c> or <c>&lt;meta http-equiv="Content-Type" content="text/html; charset=x"&gt;</c>.
    /// </summary>
    [GeneratedRegex("""<meta\b[^>]*?charset\s*=\s*["']?\s*(?<charset>[A-Za-z0-9_:.+\-]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();
}
