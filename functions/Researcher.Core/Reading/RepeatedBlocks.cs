namespace Researcher.Core.Reading;

/// <summary>
/// Finds the boilerplate of a folder of documents by repetition: a paragraph that occurs verbatim
/// (after white space is collapsed, as every parser leaves it) on a large share of the documents
/// is the site's and not any page's (a copyright and licence footer, a "Found a bug?" line, a
/// version banner, a breadcrumb the structure did not give away), and is left out of every
/// document (the document index does so at build time, over its whole folder, and the reader of
/// that folder leaves the same paragraphs out). Headings are never left out (a reference's "Description" or "Examples" heads a
/// different section on every page), nor paragraphs of a folder too small for repetition to mean
/// anything (<see cref="MinDocuments"/>). Deterministic.
/// </summary>
/// <remarks>
/// Measured on PostgreSQL 15's manual (1 169 pages) and Python 3.11's (526 pages), parsed by
/// <see cref="HtmlDocumentParser"/>: with the footer left in (its class name not dropped), Python's
/// copyright and licence paragraph is on 100 % of the pages; the most repeated paragraphs of real
/// text are on at most 20 % (PostgreSQL's "Description" table heading on 20.2 %, its "Column Type"
/// on 14.2 %, Python's "New in version 3.2." on 14.4 %). See <see cref="MinDocumentShare"/>.
/// </remarks>
internal static class RepeatedBlocks
{
    /// <summary>
    /// The least share of the documents a paragraph must occur on to be boilerplate. A site's
    /// footer or banner is on (nearly) every page, real text repeats on at most a fifth of them in
    /// both manuals measured (a table's column heading, "New in version 3.2."), so 30 % keeps
    /// a margin on both sides: boilerplate shown on a third of a site or more goes, a heading cell
    /// or a version note that many pages share stays.
    /// </summary>
    public const double MinDocumentShare = 0.3;

    /// <summary>
    /// The fewest documents for repetition to be looked for: in a smaller folder a paragraph on a
    /// third of the documents is on a handful, which is as likely a shared introduction or a
    /// repeated warning as boilerplate.
    /// </summary>
    public const int MinDocuments = 20;

    /// <summary>
    /// The paragraphs of <paramref name="documents"/> that occur on at least
    /// <paramref name="minDocumentShare"/> of them (and on at least two), each with the number of
    /// documents it is on, the most repeated first (then in ordinal order); none when there are
    /// fewer than <paramref name="minDocuments"/> documents.
    /// </summary>
    public static IReadOnlyList<(string Paragraph, int Documents)> Find(
        IReadOnlyList<SourceDocument> documents,
        double minDocumentShare = MinDocumentShare,
        int minDocuments = MinDocuments)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minDocumentShare);
        if (documents.Count < Math.Max(minDocuments, 2)) return [];

        var documentsWith = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            foreach (var paragraph in document.Sections.SelectMany(section => section.Paragraphs).Distinct(StringComparer.Ordinal))
                documentsWith[paragraph] = documentsWith.GetValueOrDefault(paragraph) + 1;
        }

        var least = Math.Max(2, (int)Math.Ceiling(minDocumentShare * documents.Count));
        return documentsWith
            .Where(paragraph => paragraph.Value >= least)
            .OrderByDescending(paragraph => paragraph.Value)
            .ThenBy(paragraph => paragraph.Key, StringComparer.Ordinal)
            .Select(paragraph => (paragraph.Key, paragraph.Value))
            .ToList();
    }

    /// <summary>
    /// <paramref name="document"/> without the paragraphs in <paramref name="repeated"/>; a section
    /// left without paragraphs is left out (a document left without any is kept, with no sections).
    /// The document itself when it holds none of them.
    /// </summary>
    public static SourceDocument Without(SourceDocument document, IReadOnlySet<string> repeated)
    {
        if (repeated.Count == 0 || !document.Sections.Any(section => section.Paragraphs.Any(repeated.Contains))) return document;
        var sections = document.Sections
            .Select(section => section with { Paragraphs = section.Paragraphs.Where(paragraph => !repeated.Contains(paragraph)).ToList() })
            .Where(section => section.Paragraphs.Count > 0)
            .ToList();
        return document with { Sections = sections };
    }
}
