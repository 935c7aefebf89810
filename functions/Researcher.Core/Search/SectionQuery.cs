using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Researcher.Core.Search;

/// <summary>
/// Builds the Lucene query for weighted terms: each term may match the title, the heading or the
/// body (title and heading matches boosted), and the section's score adds up its matching terms.
/// Built from analysed terms, never parsed, so no question can inject query syntax.
/// </summary>
internal static class SectionQuery
{
    public static Query For(IEnumerable<WeightedTerm> terms, LocalSearchOptions options)
    {
        var query = new BooleanQuery();
        foreach (var (term, weight) in terms)
        {
            query.Add(new BooleanQuery
            {
                { FieldTerm(SectionIndex.TitleField, term, options.TitleBoost), Occur.SHOULD },
                { FieldTerm(SectionIndex.HeadingField, term, options.HeadingBoost), Occur.SHOULD },
                { FieldTerm(SectionIndex.BodyField, term, 1.0), Occur.SHOULD },
            }.WithBoost(weight), Occur.SHOULD);
        }
        return query;
    }

    private static TermQuery FieldTerm(string field, string term, double boost) =>
        new(new Term(field, term)) { Boost = (float)boost };

    private static BooleanQuery WithBoost(this BooleanQuery query, double boost)
    {
        query.Boost = (float)boost;
        return query;
    }
}
