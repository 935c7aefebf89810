using System.Text.RegularExpressions;

namespace Researcher.Core.Reading;

/// <summary>
/// The numbering that manuals put before their headings and titles ("19.4. Resource Consumption",
/// "F.3. auto_explain", "Appendix F. Additional Supplied Modules", "Chapter 19. Server Setup",
/// "Part III. Server Administration", "1.2.3 Scope"), dropped: it names a place in one edition of
/// one manual, not the topic, and a quoted heading reads better without it. A heading that is only
/// a number or a version ("3.11", "2.0 (2001)") is kept as it is, as is any heading whose remainder
/// would not start like a word (a letter, or the quote or backtick around a name): "12. 3 ways to
/// scale" keeps its number.
/// </summary>
internal static partial class HeadingNumbers
{
    /// <summary>The heading without its leading numbering, or the heading itself when it has none.</summary>
    public static string Strip(string heading)
    {
        var match = Numbering().Match(heading);
        return match.Success && match.Length < heading.Length ? heading[match.Length..] : heading;
    }

    // A word (Chapter, Appendix, Part, Section) and its number, letter or Roman numeral: "Part III. ";
    // dotted numbers ending in a dot, "19.4. " or "1. "; dotted numbers of two or more parts, "1.2.3 ";
    // an appendix letter with numbers, "F.3. " or "F.3 "; a Roman numeral with its dot, "IV. ".
    // What follows must be the heading's text: a letter, an underscore, a quote or a backtick.
    [GeneratedRegex(
        @"^(?:(?:Chapter|Appendix|Part|Section)\s+[0-9A-Z]+(?:\.[0-9]+)*\.?:?|[0-9]+(?:\.[0-9]+)*\.|[0-9]+(?:\.[0-9]+)+|[A-Z](?:\.[0-9]+)+\.?|[IVXLC]+\.)\s+(?=[\p{L}_`""'“‘])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Numbering();
}
