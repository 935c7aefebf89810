using System.Collections.Concurrent;
using System.Diagnostics;
using AngleSharp.Dom;
using Researcher.Core.Reading;
using Researcher.Core.Text;
using Researcher.Core.Web;

namespace Researcher.Benchmarks;

/// <summary>
/// Part "extraction": web pages through the web reader's extraction path (<see cref="MainTextExtractor"/>:
/// SmartReader's article search, then the HTML parser; no network), on the HTML of the Python 3.11
/// documentation (Debian package python3.11-doc). Measures pages and megabytes of HTML per second on
/// one thread and on every core, counts the pages read whole because SmartReader found no article,
/// and, as a hint of quality, the share of the page's text that is left out as boilerplate, on a few
/// known pages and over every page read from an article, beside what the whole-page parse (the
/// reader before SmartReader, whose chrome rules know Sphinx's sidebars) kept.
/// </summary>
internal static class ExtractionBenchmark
{
    /// <summary>Where python3.11-doc installs the documentation's HTML.</summary>
    public const string DefaultDocs = "/usr/share/doc/python3.11/html";

    /// <summary>Pages whose share of text left out is reported one by one: prose, reference, a how-to, a FAQ and a glossary.</summary>
    private static readonly string[] KnownPages =
        ["tutorial/classes.html", "library/json.html", "howto/regex.html", "faq/programming.html", "glossary.html", "library/os.html"];

    private const string Section = "Extraction";

    /// <summary>One HTML file, decoded as the fetcher would decode it.</summary>
    private sealed record Page(string Location, string Path, int Bytes, string Html);

    /// <summary>What one page became: from an article, read whole, or unreadable; and how long it took.</summary>
    private sealed record Outcome(Page Page, MainText? Read, double Milliseconds);

    public static void Run(string docs, int rounds, Report report)
    {
        if (!Directory.Exists(docs))
        {
            Console.Error.WriteLine($"[benchmark] extraction skipped: {docs} does not exist; install the Python documentation " +
                "with `apt-get install -y python3.11-doc` (or name another folder of HTML with --extraction-docs).");
            report.Add(Section, "skipped", "—", $"{docs} not found: `apt-get install -y python3.11-doc`");
            return;
        }

        var pages = Load(docs);
        var megabytes = pages.Sum(p => p.Bytes) / 1024.0 / 1024.0;
        report.Setting($"Extraction: {pages.Count} HTML files ({megabytes:F1} MB) of {docs}, decoded up front as the fetcher decodes them " +
            $"(no charset header), each read by `MainTextExtractor` under https://docs.python.org/3.11/; SmartReader searches pages of at most " +
            $"{MainTextExtractor.MaxArticleSearchElements} elements. One warm-up pass, then {rounds} measured pass(es) on one thread and on " +
            $"{Environment.ProcessorCount} threads (a parallel loop over the pages).");

        var extractor = new MainTextExtractor();
        Console.Error.WriteLine("[benchmark] extraction: warm-up pass");
        Pass(extractor, pages, threads: 1);

        // What each page became and how long it took, from the last measured pass on one thread.
        List<Outcome> outcomes = [];
        foreach (var threads in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            var seconds = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var pass = Pass(extractor, pages, threads);
                seconds.Add(pass.Seconds);
                if (threads == 1)
                    outcomes = pass.Outcomes;
            }
            var median = Stats.Median(seconds);
            var label = threads == 1 ? "1 thread" : $"{threads} threads";
            report.Add(Section, $"pages/s, {label}", Report.N(pages.Count / median), $"median of {rounds}: {Report.S(median)} a pass");
            report.Add(Section, $"MB/s of HTML, {label}", Report.N(megabytes / median, "F2"), "");
        }

        var times = outcomes.Select(o => o.Milliseconds).ToList();
        var slowest = outcomes.MaxBy(o => o.Milliseconds)!;
        report.Add(Section, "time a page, 1 thread", $"p50 {Report.Ms(Stats.Percentile(times, 50))}, p95 {Report.Ms(Stats.Percentile(times, 95))}",
            $"slowest {slowest.Page.Path} ({slowest.Page.Bytes / 1024} KB): {Report.Ms(slowest.Milliseconds)}");

        var fromArticle = outcomes.Count(o => o.Read?.FromArticle == true);
        var whole = outcomes.Count(o => o.Read?.FromArticle == false);
        var unreadable = outcomes.Count(o => o.Read is null);
        report.Add(Section, "pages read from an article", $"{fromArticle} of {pages.Count}", "");
        report.Add(Section, "pages read whole (fell back)", $"{whole} of {pages.Count}",
            $"{outcomes.Count(o => o.Read?.FromArticle == false && Elements(o.Page) > MainTextExtractor.MaxArticleSearchElements)} of them over the element bound");
        report.Add(Section, "pages unreadable", $"{unreadable} of {pages.Count}",
            string.Join(", ", outcomes.Where(o => o.Read is null).Select(o => o.Page.Path).Take(5)));

        var wholeParser = new HtmlDocumentParser();
        long Whole(Page page) => wholeParser.Parse(page.Location, WebPageHtml.Parse(page.Location, page.Html), page.Path).CharacterCount;
        foreach (var known in KnownPages)
        {
            if (outcomes.FirstOrDefault(o => o.Page.Path == known) is not { Read: { } read } outcome)
                continue;
            var text = PageText(outcome.Page);
            report.Add(Section, $"text left out: {known}", Percent(text, read.Document.CharacterCount),
                $"{(read.FromArticle ? "article" : "read whole")}: {read.Document.CharacterCount:N0} of the page's {text:N0} characters; " +
                $"the whole-page parse keeps {Whole(outcome.Page):N0}");
        }
        var articles = outcomes.Where(o => o.Read?.FromArticle == true).ToList();
        var kept = articles.Sum(o => (long)o.Read!.Document.CharacterCount);
        var pageText = articles.Sum(o => PageText(o.Page));
        report.Add(Section, "text left out: every article page", Percent(pageText, kept),
            $"{articles.Count} pages: {kept:N0} of the pages' {pageText:N0} characters; the whole-page parse keeps {articles.Sum(o => Whole(o.Page)):N0}");
    }

    private static List<Page> Load(string docs) =>
        [.. Directory.EnumerateFiles(docs, "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(path =>
        {
            var bytes = File.ReadAllBytes(path);
            var relative = Path.GetRelativePath(docs, path).Replace('\\', '/');
            return new Page($"https://docs.python.org/3.11/{relative}", relative, bytes.Length, WebTextDecoding.Decode(bytes, null, isHtml: true).Text);
        })];

    /// <summary>Every page once, on <paramref name="threads"/> threads: the wall time of the pass and what each page became.</summary>
    private static (double Seconds, List<Outcome> Outcomes) Pass(MainTextExtractor extractor, List<Page> pages, int threads)
    {
        var outcomes = new ConcurrentBag<Outcome>();
        var started = Stopwatch.GetTimestamp();
        Parallel.ForEach(pages, new ParallelOptions { MaxDegreeOfParallelism = threads }, page =>
        {
            var pageStarted = Stopwatch.GetTimestamp();
            MainText? read;
            try
            {
                read = extractor.Extract(page.Location, page.Html, page.Path);
            }
            catch (SourceUnreadableException)
            {
                read = null;
            }
            outcomes.Add(new Outcome(page, read, Stats.Milliseconds(pageStarted, Stopwatch.GetTimestamp())));
        });
        return (Stats.Elapsed(started), [.. outcomes]);
    }

    /// <summary>The length of all the text of the page's body (scripts, styles and templates aside), white space collapsed.</summary>
    private static long PageText(Page page)
    {
        var document = WebPageHtml.Parse(page.Location, page.Html);
        foreach (var element in document.QuerySelectorAll("script, style, noscript, template").ToList())
            element.Remove();
        return PlainText.CollapseWhitespace(document.Body?.TextContent ?? "").Length;
    }

    private static int Elements(Page page) => WebPageHtml.Parse(page.Location, page.Html).All.Length;

    private static string Percent(long before, long after) =>
        before == 0 ? "—" : Report.N(100.0 * (before - after) / before) + " %";
}
