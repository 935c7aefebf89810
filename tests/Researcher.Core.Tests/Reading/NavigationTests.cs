using Researcher.Core.Reading;
using Researcher.Core.Web;
using static Researcher.Core.Tests.Reading.HtmlStructureTests;

namespace Researcher.Core.Tests.Reading;

/// <summary>
/// Navigation found by its structure (<see cref="NavigationBlocks"/>), in the markup of PostgreSQL's
/// manual (DocBook) and Python's (Sphinx, its sidebars without their role): navigation bars, tables
/// of contents and link lists are dropped, while paragraphs, lists and tables of text thick with
/// cross-references stay; a page that is mostly links is kept whole and marked as navigation.
/// </summary>
public sealed class NavigationTests
{
    /// <summary>DocBook's bar above a page: the page's and the chapter's titles around Prev, Up, Home and Next.</summary>
    private const string DocBookHeader = """
        <div class="navheader"><table width="100%" summary="Navigation header"><tr><th colspan="5" align="center">20.4. Resource Consumption</th></tr>
        <tr><td width="10%" align="left"><a accesskey="p" href="runtime-config-connection.html" title="20.3. Connections and Authentication">Prev</a> </td>
        <td width="10%" align="left"><a accesskey="u" href="runtime-config.html" title="Chapter 20. Server Configuration">Up</a></td>
        <th width="60%" align="center">Chapter 20. Server Configuration</th>
        <td width="10%" align="right"><a accesskey="h" href="index.html" title="PostgreSQL 15.20 Documentation">Home</a></td>
        <td width="10%" align="right"> <a accesskey="n" href="runtime-config-wal.html" title="20.5. Write Ahead Log">Next</a></td></tr></table><hr /></div>
        """;

    /// <summary>DocBook's bar below a page: the neighbours' titles under their links.</summary>
    private const string DocBookFooter = """
        <div class="navfooter"><hr /><table width="100%" summary="Navigation footer"><tr>
        <td width="40%" align="left"><a accesskey="p" href="runtime-config-connection.html">Prev</a> </td>
        <td width="20%" align="center"><a accesskey="u" href="runtime-config.html">Up</a></td>
        <td width="40%" align="right"> <a accesskey="n" href="runtime-config-wal.html">Next</a></td></tr>
        <tr><td width="40%" align="left" valign="top">20.3. Connections and Authentication </td>
        <td width="20%" align="center"><a accesskey="h" href="index.html">Home</a></td>
        <td width="40%" align="right" valign="top"> 20.5. Write Ahead Log</td></tr></table></div>
        """;

    [Fact]
    public void A_docbook_page_loses_its_navigation_bars_table_of_contents_and_see_also_links_and_keeps_its_text()
    {
        var document = Parse($"""
            <html><head><title>20.4. Resource Consumption</title></head><body>{DocBookHeader}
            <div class="sect1"><div class="titlepage"><h2 class="title">20.4. Resource Consumption</h2></div>
            <div class="toc"><dl class="toc">
            <dt><span class="sect2"><a href="#MEMORY">20.4.1. Memory</a></span></dt><dt><span class="sect2"><a href="#DISK">20.4.2. Disk</a></span></dt>
            <dt><span class="sect2"><a href="#KERNEL">20.4.3. Kernel Resource Usage</a></span></dt></dl></div>
            <div class="sect2"><h3 class="title">20.4.1. Memory</h3>
            <p>Memory settings interact with <a class="xref" href="kernel-resources.html">Section 19.4</a>; see there before raising them.</p>
            <p>Sets the amount of memory the database server uses for shared memory buffers. The default is typically 128 megabytes, but might be less if your kernel settings will not support it.</p>
            <p>If you have a dedicated database server with 1GB or more of RAM, a reasonable starting value for shared buffers is 25% of the memory in your system.</p></div>
            <div class="refsect1"><h2>See Also</h2><p><a href="sql-createtable.html">CREATE TABLE</a>, <a href="sql-droptable.html">DROP TABLE</a>, <a href="sql-altertable.html">ALTER TABLE</a></p></div>
            </div>{DocBookFooter}</body></html>
            """);

        Assert.False(document.IsNavigation);
        Assert.Equal("Resource Consumption", document.Title);
        Assert.Equal(["Memory"], document.Sections.Select(section => section.Heading));
        Assert.Equal(3, Paragraphs(document).Length);
        Assert.Equal("Memory settings interact with Section 19.4; see there before raising them.", Paragraphs(document)[0]);
    }

    [Fact]
    public void A_sphinx_sidebar_and_related_bar_without_their_role_are_dropped_by_their_links()
    {
        var document = Parse("""
            <body><div class="related"><h3>Navigation</h3><ul><li class="right"><a href="../genindex.html">index</a></li>
            <li class="right"><a href="../py-modindex.html">modules</a> |</li><li class="right"><a href="pprint.html">next</a> |</li>
            <li><a href="../index.html">3.11.2 Documentation</a> &#187;</li><li><a href="index.html">The Python Standard Library</a> &#187;</li></ul></div>
            <div class="body"><section><h1>copy — Shallow and deep copy operations</h1>
            <p>Assignment statements in Python do not copy objects, they create bindings between a target and an object.</p></section></div>
            <div class="sphinxsidebar"><div class="sphinxsidebarwrapper">
            <div><h3><a href="../contents.html">Table of Contents</a></h3><ul><li><a href="#">copy — Shallow and deep copy operations</a></li></ul></div>
            <div><h4>Previous topic</h4><p class="topless"><a href="types.html">types — Dynamic type creation and names for built-in types</a></p></div>
            <div><h4>This Page</h4><ul class="this-page-menu"><li><a href="../bugs.html">Report a Bug</a></li><li><a href="https://github.com/python/cpython">Show Source</a></li></ul></div>
            </div></div></body>
            """);

        Assert.False(document.IsNavigation);
        Assert.Equal(["copy — Shallow and deep copy operations"], document.Sections.Select(section => section.Heading));
        Assert.Equal(["Assignment statements in Python do not copy objects, they create bindings between a target and an object."], Paragraphs(document));
    }

    /// <summary>
    /// The sample check: text blocks of both manuals that are thick with links (measured there at
    /// 0.5 to 1.0 link text) are all kept, word for word.
    /// </summary>
    [Fact]
    public void Text_thick_with_cross_references_is_kept()
    {
        string[] kept =
        [
            "Subclasses are BrokenPipeError, ConnectionAbortedError, ConnectionRefusedError and ConnectionResetError.",
            "Source code: Lib/copy.py",
            "Note: multiprocessing contains no analogues of threading.active_count(), threading.enumerate(), threading.settrace(), threading.setprofile(), threading.Timer, or threading.local.",
            "asyncio: New provisional API for asynchronous IO (PEP 3156).",
            "enum: Support for enumeration types (PEP 435).",
            "os.path.abspath()", "Path.absolute()", "os.path.realpath()", "Path.resolve()", "os.chmod()", "Path.chmod()",
            "Basic Tutorial", "Cookbook",
            "Huge pages are known as large pages on Windows; see Section 19.4.5 and huge_page_size for the sizes Linux offers.",
        ];
        var document = Parse("""
            <body><section><h1>Links everywhere</h1>
            <p>Assignment statements in Python do not copy objects, they create bindings between a target and an object. For collections
               that are mutable or contain mutable items, a copy is sometimes needed so one can change one copy without changing the other.</p>
            <p>The difference between shallow and deep copying is only relevant for compound objects, objects that contain other objects,
               like lists or class instances. A shallow copy constructs a new compound object and then inserts references into it.</p>
            <p>Two problems often exist with deep copy operations that do not exist with shallow copy operations: recursive objects may
               cause a recursive loop, and because deep copy copies everything it may copy too much, such as data meant to be shared.</p>
            <p>Subclasses are <a href="#BrokenPipeError">BrokenPipeError</a>, <a href="#ConnectionAbortedError">ConnectionAbortedError</a>,
               <a href="#ConnectionRefusedError">ConnectionRefusedError</a> and <a href="#ConnectionResetError">ConnectionResetError</a>.</p>
            <p><strong>Source code:</strong> <a href="https://github.com/python/cpython/tree/3.11/Lib/copy.py">Lib/copy.py</a></p>
            <div class="admonition note"><p class="admonition-title">Note</p><p><a href="#mp">multiprocessing</a> contains no analogues of
               <a href="#a">threading.active_count()</a>, <a href="#e">threading.enumerate()</a>, <a href="#s">threading.settrace()</a>,
               <a href="#p">threading.setprofile()</a>, <a href="#t">threading.Timer</a>, or <a href="#l">threading.local</a>.</p></div>
            <ul class="simple"><li><p><a href="#asyncio">asyncio: New provisional API for asynchronous IO (PEP 3156).</a></p></li>
               <li><p><a href="#enum">enum: Support for enumeration types (PEP 435).</a></p></li></ul>
            <table class="docutils"><thead><tr><th class="head"><p>os and os.path</p></th><th class="head"><p>pathlib</p></th></tr></thead><tbody>
               <tr><td><p><a href="#abspath">os.path.abspath()</a></p></td><td><p><a href="#absolute">Path.absolute()</a></p></td></tr>
               <tr><td><p><a href="#realpath">os.path.realpath()</a></p></td><td><p><a href="#resolve">Path.resolve()</a></p></td></tr>
               <tr><td><p><a href="#chmod">os.chmod()</a></p></td><td><p><a href="#pchmod">Path.chmod()</a></p></td></tr></tbody></table>
            <ul class="simple"><li><p><a href="../howto/logging.html">Basic Tutorial</a></p></li><li><p><a href="../howto/cookbook.html">Cookbook</a></p></li></ul>
            <div class="para"><p>Huge pages are known as large pages on Windows; see <a href="#hp">Section 19.4.5</a> and
               <a href="#hps">huge_page_size</a> for the sizes Linux offers.</p></div>
            </section></body>
            """);

        Assert.False(document.IsNavigation);
        Assert.Equal(kept, Paragraphs(document).Skip(3).Except(["os and os.path", "pathlib"]));
    }

    [Fact]
    public void A_small_table_of_links_is_a_navigation_bar_unless_one_of_its_cells_is_a_sentence()
    {
        var document = Parse("""
            <body><h2>Backups</h2><p>Backups are made and restored with two programs, whose options are listed on their own pages.</p>
            <table><tr><td><a href="app-pgdump.html">pg_dump</a></td><td><a href="app-pgrestore.html">pg_restore</a></td></tr>
            <tr><td colspan="2">Both programs read and write the same archive formats.</td></tr></table>
            <table><tr><td><a href="backup.html">Prev</a></td><td><a href="index.html">Home</a></td><td><a href="restore.html">Next</a></td></tr>
            <tr><td>Backup and Restore</td><td></td><td>Restoring a Dump</td></tr></table></body>
            """);

        Assert.Equal(
        [
            "Backups are made and restored with two programs, whose options are listed on their own pages.",
            "pg_dump", "pg_restore", "Both programs read and write the same archive formats.",
        ], Paragraphs(document));
    }

    [Fact]
    public void A_table_of_contents_page_is_navigation_and_keeps_its_links()
    {
        var entries = string.Concat(Enumerable.Range(1, 30).Select(i =>
            $"<dt><span class=\"chapter\"><a href=\"chapter{i}.html\">{i}. Chapter number {i} of the manual</a></span></dt>"));
        var document = Parse($"""
            <html><head><title>PostgreSQL 15.20 Documentation</title></head><body><div class="book">
            <div class="titlepage"><h1 class="title">PostgreSQL 15.20 Documentation</h1>
            <p class="copyright">Copyright © 1996–2026 The PostgreSQL Global Development Group</p><a class="link" href="legalnotice.html">Legal Notice</a></div>
            <div class="toc"><p><strong>Table of Contents</strong></p><dl class="toc">{entries}</dl></div></div></body></html>
            """);

        Assert.True(document.IsNavigation);
        Assert.Contains("30. Chapter number 30 of the manual", Paragraphs(document));
    }

    [Fact]
    public void An_index_page_is_navigation()
    {
        var letters = string.Join(" | ", "ABCDEFGHIJ".Select(letter => $"<a href=\"genindex-{letter}.html\"><strong>{letter}</strong></a>"));
        var entries = string.Concat(Enumerable.Range(1, 20).Select(i =>
            $"<li><a href=\"library/functions.html#abs{i}\">abs{i}() (built-in function)</a>, <a href=\"library/stdtypes.html#x{i}\">[1]</a></li>"));
        var document = Parse($"""
            <body><div class="body"><h1 id="index-a">Index – A</h1><p>{letters}</p>
            <table class="indextable genindextable"><tr><td><ul>{entries}</ul></td></tr></table></div></body>
            """);

        Assert.True(document.IsNavigation);
    }

    [Fact]
    public void A_chapter_page_with_an_introduction_is_text_without_its_table_of_contents()
    {
        var entries = string.Concat(Enumerable.Range(1, 12).Select(i =>
            $"<dt><span class=\"sect1\"><a href=\"functions-{i}.html\">9.{i}. Functions of kind {i}</a></span></dt>"));
        var introduction = string.Concat(Enumerable.Range(1, 4).Select(i =>
            $"<p>PostgreSQL provides a large number of functions and operators for the built-in data types, paragraph {i} of the introduction says; " +
            "users can also define their own functions and operators, as described in Part V, and the psql commands list them.</p>"));
        var document = Parse($"""
            <html><head><title>Chapter 9. Functions and Operators</title></head><body>{DocBookHeader}<div class="chapter">
            <div class="titlepage"><h2 class="title">Chapter 9. Functions and Operators</h2></div>
            <div class="toc"><p><strong>Table of Contents</strong></p><dl class="toc">{entries}</dl></div>
            {introduction}</div>{DocBookFooter}</body></html>
            """);

        Assert.False(document.IsNavigation);
        Assert.Equal("Functions and Operators", document.Title);
        Assert.Equal(4, Paragraphs(document).Length);
        Assert.All(Paragraphs(document), paragraph => Assert.StartsWith("PostgreSQL provides", paragraph, StringComparison.Ordinal));
    }

    [Fact]
    public void A_web_page_of_links_is_read_whole_and_marked_as_navigation()
    {
        var links = string.Concat(Enumerable.Range(1, 40).Select(i => $"<li><a href='/tide-table/{i}'>Tide table for harbour {i}</a></li>"));
        var html = $"<html><head><title>Tide tables</title></head><body><h1>Tide tables</h1><ul>{links}</ul></body></html>";

        var read = new MainTextExtractor().Extract("https://tides.example/tables", html, "fallback");

        Assert.True(read.Document.IsNavigation);
        Assert.Equal(40, Paragraphs(read.Document).Count(paragraph => paragraph.StartsWith("Tide table for harbour", StringComparison.Ordinal)));
    }
}
