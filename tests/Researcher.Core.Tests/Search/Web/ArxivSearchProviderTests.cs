using Microsoft.Extensions.Options;
using Researcher.Core.Search.Web;
using static Researcher.Core.Tests.Search.Web.WebSearchTestSupport;

namespace Researcher.Core.Tests.Search.Web;

public sealed class ArxivSearchProviderTests
{
    private const string Feed = """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
          <link href="http://arxiv.org/api/query?search_query%3Dall%3Asurface%20AND%20all%3Acode" rel="self" type="application/atom+xml"/>
          <title type="html">ArXiv Query: search_query=all:surface AND all:code</title>
          <id>http://arxiv.org/api/abc</id>
          <updated>2025-01-01T00:00:00-05:00</updated>
          <opensearch:totalResults>1234</opensearch:totalResults>
          <opensearch:startIndex>0</opensearch:startIndex>
          <opensearch:itemsPerPage>10</opensearch:itemsPerPage>
          <entry>
            <id>http://arxiv.org/abs/2101.00001v2</id>
            <updated>2021-02-01T00:00:00Z</updated>
            <published>2021-01-01T00:00:00Z</published>
            <title>Surface Codes
          &amp; Their Decoders</title>
            <summary>  We study surface codes &lt;with&gt; noise.
        Thresholds   improve.
        </summary>
            <author><name>A. Author</name></author>
            <link href="http://arxiv.org/abs/2101.00001v2" rel="alternate" type="text/html"/>
            <link title="pdf" href="http://arxiv.org/pdf/2101.00001v2" rel="related" type="application/pdf"/>
            <arxiv:primary_category term="quant-ph" scheme="http://arxiv.org/schemas/atom"/>
          </entry>
          <entry>
            <id>http://arxiv.org/abs/1905.12345v1</id>
            <title>Only an id</title>
          </entry>
          <entry>
            <title>Neither id nor link</title>
            <summary>skipped</summary>
          </entry>
          <entry>
            <id>http://arxiv.org/abs/2101.00001v2</id>
            <title>Repeat</title>
            <link href="http://arxiv.org/abs/2101.00001v2" rel="alternate" type="text/html"/>
          </entry>
        </feed>
        """;

    private static ArxivSearchProvider Provider(Uri baseAddress, HttpClient http) =>
        new(http, Options.Create(new ArxivOptions { BaseUrl = baseAddress.ToString() }), WebSettings());

    [Fact]
    public async Task Entries_are_cited_by_their_abstract_page_with_the_abstract_as_snippet()
    {
        await using var server = await Answering(Feed, "application/atom+xml");
        using var http = new HttpClient();

        var hits = await Provider(server.BaseAddress, http).SearchAsync("surface code decoders", 10, CancellationToken.None);

        Assert.Equal(["http://arxiv.org/abs/2101.00001v2", "http://arxiv.org/abs/1905.12345v1"], hits.Select(hit => hit.Location));
        Assert.Equal("Surface Codes & Their Decoders", hits[0].Title);
        Assert.Equal("We study surface codes <with> noise. Thresholds improve.", hits[0].Snippet);
        Assert.Equal("", hits[1].Snippet);
        Assert.Equal([1.0, 0.5], hits.Select(hit => hit.Score));
    }

    [Fact]
    public async Task At_most_max_results_are_returned()
    {
        await using var server = await Answering(Feed, "application/atom+xml");
        using var http = new HttpClient();

        Assert.Single(await Provider(server.BaseAddress, http).SearchAsync("surface code", 1, CancellationToken.None));
    }

    [Fact]
    public async Task The_request_searches_all_fields_for_every_word()
    {
        await using var server = await Answering(Feed, "application/atom+xml");
        using var http = new HttpClient();

        await Provider(server.BaseAddress, http).SearchAsync("surface-code (decoders) AND ti:\"noise\"", 3, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/query", PathOf(request));
        var query = QueryOf(request);
        Assert.Equal("all:surface-code AND all:decoders AND all:ti AND all:noise", query["search_query"]);
        Assert.Contains("search_query=all%3Asurface-code%20AND%20all%3Adecoders", request.PathAndQuery);
        Assert.InRange(int.Parse(query["max_results"]), 3, 200);
        Assert.Equal("relevance", query["sortBy"]);
    }

    [Fact]
    public async Task An_error_entry_throws()
    {
        const string error = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <entry>
                <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id>
                <title>Error</title>
                <summary>incorrect id format for 1234</summary>
              </entry>
            </feed>
            """;
        await using var server = await Answering(error, "application/atom+xml");
        using var http = new HttpClient();

        var exception = await Assert.ThrowsAsync<SearchProviderException>(
            () => Provider(server.BaseAddress, http).SearchAsync("surface code", 5, CancellationToken.None));

        Assert.Equal("arXiv", exception.Provider);
    }

    [Fact]
    public async Task Xml_that_is_not_an_atom_feed_throws()
    {
        await using var server = await Answering("<html><body>maintenance</body></html>", "text/html");
        using var http = new HttpClient();

        var exception = await Assert.ThrowsAsync<SearchProviderException>(
            () => Provider(server.BaseAddress, http).SearchAsync("surface code", 5, CancellationToken.None));

        Assert.Contains("Atom", exception.Message);
    }
}
