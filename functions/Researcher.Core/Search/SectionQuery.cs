using Lucene.Net.Index;
using Lucene.Net.Search;
using Researcher.Core.Text;

namespace Researcher.Core.Search;

/// <summary>
/// Builds the Lucene query for weighted terms: each term may match the title, the heading or the
/// body (title and heading matches boosted); a term scores its best field plus a share
/// (<see cref="LocalSearchOptions.FieldTieBreaker"/>) of the others, so a word that fills a title,
/// its heading and its body does not count three times; the section's score adds up its terms.
/// Built from analysed terms, never parsed, so no question can inject query syntax.
/// </summary>
internal static class SectionQuery
{
    public static Query For(IEnumerable<WeightedTerm> terms, LocalSearchOptions options)
    {
        var query = new BooleanQuery();
        foreach (var (term, weight) in terms)
        {
            query.Add(new DisjunctionMaxQuery((float)options.FieldTieBreaker)
            {
                FieldTerm(SectionIndex.TitleField, term, options.TitleBoost),
                FieldTerm(SectionIndex.HeadingField, term, options.HeadingBoost),
                FieldTerm(SectionIndex.BodyField, term, 1.0),
            }.WithBoost(weight), Occur.SHOULD);
        }
        return query;
    }

    private static TermQuery FieldTerm(string field, string term, double boost) =>
        new(new Term(field, term)) { Boost = (float)boost };

    private static DisjunctionMaxQuery WithBoost(this DisjunctionMaxQuery query, double boost)
    {
        query.Boost = (float)boost;
        return query;
    }
}
