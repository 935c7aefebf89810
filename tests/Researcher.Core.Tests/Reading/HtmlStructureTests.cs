using System.Text;
using Researcher.Core.Reading;

namespace Researcher.Core.Tests.Reading;

/// <summary>
/// The structure HTML manuals are written in, as the parser keeps it: a definition's term opens
/// its definition, a note box stays in its section, headings lose their numbering. The fixtures are
/// written in the markup of DocBook (PostgreSQL's manual) and Sphinx (Python's).
/// </summary>
public sealed class HtmlStructureTests
{
    internal static SourceDocument Parse(string html, string location = "page.html") =>
        new HtmlDocumentParser().Parse(location, Encoding.UTF8.GetBytes(html), "fallback");

    internal static string[] Paragraphs(SourceDocument document) =>
        document.Sections.SelectMany(section => section.Paragraphs).ToArray();

    [Fact]
    public void A_docbook_variable_list_keeps_each_settings_name_with_its_description()
    {
        var document = Parse("""
            <html><head><title>20.4. Resource Consumption</title></head><body>
            <div class="sect2"><div class="titlepage"><h3 class="title">20.4.1. Memory</h3></div>
            <div class="variablelist"><dl class="variablelist">
            <dt id="GUC-SHARED-BUFFERS"><span class="term"><code class="varname">shared_buffers</code> (<code class="type">integer</code>)
              <a id="id-1.6.7.7.2.2.1.1.3" class="indexterm"></a></span></dt>
            <dd><p>Sets the amount of memory the database server uses for shared memory buffers.</p>
                <p>If you have a dedicated database server with 1GB or more of RAM, a reasonable starting value is 25% of the memory.</p></dd>
            <dt id="GUC-VACUUM-COST-DELAY"><span class="term"><code class="varname">vacuum_cost_delay</code> (<code class="type">floating point</code>)</span></dt>
            <dd><p>The amount of time that the process will sleep when the cost limit has been exceeded.</p></dd>
            </dl></div></div></body></html>
            """);

        Assert.Equal("Memory", Assert.Single(document.Sections).Heading);
        Assert.Equal(
        [
            "`shared_buffers` (`integer`): Sets the amount of memory the database server uses for shared memory buffers.",
            "If you have a dedicated database server with 1GB or more of RAM, a reasonable starting value is 25% of the memory.",
            "`vacuum_cost_delay` (`floating point`): The amount of time that the process will sleep when the cost limit has been exceeded.",
        ], Paragraphs(document));
    }

    [Fact]
    public void Several_terms_of_one_definition_are_joined_whether_in_several_dt_or_parted_by_a_line_break()
    {
        var document = Parse("""
            <body><h2>Options</h2><dl>
            <dt><span class="term"><code class="option">-a</code><br /></span><span class="term"><code class="option">--all</code></span></dt>
            <dd><p>Vacuum all databases.</p></dd>
            <dt>colour</dt><dt>color</dt><dd>The hue of a thing.</dd>
            </dl></body>
            """);

        Assert.Equal(["`-a`, `--all`: Vacuum all databases.", "colour, color: The hue of a thing."], Paragraphs(document));
    }

    [Fact]
    public void A_python_signature_opens_its_description_without_its_permalink()
    {
        var document = Parse("""
            <body><section id="module-copy"><h1>copy — Shallow and deep copy operations<a class="headerlink" href="#module-copy" title="Permalink to this heading">¶</a></h1>
            <dl class="py function">
            <dt class="sig sig-object py" id="copy.deepcopy">
            <span class="sig-prename descclassname"><span class="pre">copy.</span></span><span class="sig-name descname"><span class="pre">deepcopy</span></span><span class="sig-paren">(</span><em class="sig-param"><span class="n"><span class="pre">x</span></span></em><span class="optional">[</span>, <em class="sig-param"><span class="n"><span class="pre">memo</span></span></em><span class="optional">]</span><span class="sig-paren">)</span><a class="headerlink" href="#copy.deepcopy" title="Permalink to this definition">¶</a></dt>
            <dd><p>Return a deep copy of <em>x</em>.</p>
            <dl class="field-list simple"><dt class="field-odd">Parameters<span class="colon">:</span></dt>
            <dd class="field-odd"><p><strong>memo</strong> – the objects already copied.</p></dd></dl>
            </dd></dl>
            <dl class="py exception"><dt class="sig sig-object py" id="copy.Error"><em class="property"><span class="pre">exception</span><span class="w"> </span></em><span class="sig-prename descclassname"><span class="pre">copy.</span></span><span class="sig-name descname"><span class="pre">Error</span></span><a class="headerlink" href="#copy.Error" title="Permalink to this definition">¶</a></dt>
            <dd><p>Raised for module specific errors.</p></dd></dl>
            </section></body>
            """);

        Assert.Equal("copy — Shallow and deep copy operations", document.Title);
        Assert.Equal(
        [
            "copy.deepcopy(x[, memo]): Return a deep copy of x.",
            "Parameters: memo – the objects already copied.",
            "exception copy.Error: Raised for module specific errors.",
        ], Paragraphs(document));
    }

    [Fact]
    public void A_two_cell_table_row_is_a_term_and_its_description_but_not_a_head_row_a_row_of_two_names_or_a_wider_row()
    {
        var document = Parse("""
            <body><h2>Tasks</h2><table class="autosummary">
            <thead><tr><th>Name</th><th>Description</th></tr></thead>
            <tbody>
            <tr><td><p><a href="#TaskGroup"><code>TaskGroup</code></a></p></td>
                <td><p>A context manager that holds a group of tasks.</p><p>Use it to wait for all of them.</p></td></tr>
            <tr><td><p><code>await</code> <a href="#gather"><code>gather()</code></a></p></td><td><p>Schedule and wait for things concurrently.</p></td></tr>
            <tr><td><pre>x = 1</pre></td><td>Assigns one.</td></tr>
            <tr><td><code>os.path.abspath()</code></td><td><code>Path.absolute()</code></td></tr>
            <tr><td>Operator</td><td>Meaning</td><td>Example</td></tr>
            </tbody></table></body>
            """);

        Assert.Equal(
        [
            "Name", "Description",
            "`TaskGroup`: A context manager that holds a group of tasks.", "Use it to wait for all of them.",
            "`await` `gather()`: Schedule and wait for things concurrently.",
            "`x = 1`", "Assigns one.",
            "`os.path.abspath()`", "`Path.absolute()`",
            "Operator", "Meaning", "Example",
        ], Paragraphs(document));
    }

    [Fact]
    public void A_term_whose_definition_opens_with_code_a_list_of_terms_or_nothing_stands_alone()
    {
        var document = Parse("""
            <body><h2>Functions</h2><dl>
            <dt><code>pg_sleep</code></dt><dd><pre class="synopsis">pg_sleep ( double precision )</pre><p>Sleeps for the given number of seconds.</p></dd>
            <dt>Storage</dt><dd><dl><dt>heap</dt><dd>The table itself.</dd></dl></dd>
            <dt>Orphan term</dt>
            </dl></body>
            """);

        Assert.Equal(
        [
            "`pg_sleep`", "`pg_sleep ( double precision )`", "Sleeps for the given number of seconds.",
            "Storage", "heap: The table itself.",
            "Orphan term",
        ], Paragraphs(document));
    }

    [Fact]
    public void A_docbook_note_with_a_heading_stays_in_its_section_as_a_labelled_paragraph()
    {
        var document = Parse("""
            <body><div class="sect2"><h3 class="title">20.4.4. Cost-based Vacuum Delay</h3>
            <p>During the execution of VACUUM the system maintains an internal counter.</p>
            <div class="note"><h3 class="title">Note</h3><p>There are certain operations that hold critical locks.</p><p>Cost-based delays do not occur during them.</p></div>
            <p>The default cost limit is 200.</p>
            <div class="warning"><h3 class="title">Warning: Cross-site scripting (XSS) safety</h3><p>Escape what users type.</p></div>
            </div></body>
            """);

        var section = Assert.Single(document.Sections);
        Assert.Equal("Cost-based Vacuum Delay", section.Heading);
        Assert.Equal(
        [
            "During the execution of VACUUM the system maintains an internal counter.",
            "Note: There are certain operations that hold critical locks.",
            "Cost-based delays do not occur during them.",
            "The default cost limit is 200.",
            "Warning: Cross-site scripting (XSS) safety: Escape what users type.",
        ], section.Paragraphs);
    }

    [Fact]
    public void Sphinx_admonitions_a_role_note_an_aside_and_an_old_docbook_table_box_are_labelled_paragraphs()
    {
        var document = Parse("""
            <body><h2>Reading files</h2><p>Files are opened with open().</p>
            <div class="admonition note"><p class="admonition-title">Note</p><p>Text mode decodes bytes.</p></div>
            <div class="admonition hint"><p class="admonition-title">Hint</p><img src="hint.png" alt=""></div>
            <div class="admonition seealso"><p class="admonition-title">See also</p><dl class="simple"><dt>Module <code>io</code></dt><dd><p>The classes behind open().</p></dd></dl></div>
            <div role="note"><h4>Tip</h4><p>Use a with statement.</p></div>
            <aside class="sidebar"><p class="sidebar-title">Turtle star</p><p>Turtle can draw intricate shapes.</p></aside>
            <aside><h3>Encodings</h3><p>UTF-8 is the default on most systems.</p></aside>
            <div class="caution"><table border="0" summary="Caution"><tr><td rowspan="2"><img alt="[Caution]" src="caution.png"></td><th align="left">Caution</th></tr>
            <tr><td><p>Closing a file twice is harmless.</p></td></tr></table></div>
            </body>
            """);

        var section = Assert.Single(document.Sections);
        Assert.Equal(
        [
            "Files are opened with open().",
            "Note: Text mode decodes bytes.",
            "See also: Module `io`: The classes behind open().",
            "Tip: Use a with statement.",
            "Turtle star",
            "Turtle can draw intricate shapes.",
            "Encodings: UTF-8 is the default on most systems.",
            "Caution: Closing a file twice is harmless.",
        ], section.Paragraphs);
    }

    [Fact]
    public void A_notes_section_and_an_inline_note_in_a_wrapper_are_not_boxes()
    {
        var document = Parse("""
            <body><div class="refentry"><h2>Description</h2><p><strong>Note:</strong> this command is slow.</p>
            <h2>Notes</h2><p>Use DROP SEQUENCE to remove a sequence.</p></div></body>
            """);

        Assert.Equal(["Description", "Notes"], document.Sections.Select(section => section.Heading));
        Assert.Equal(["Note: this command is slow.", "Use DROP SEQUENCE to remove a sequence."], Paragraphs(document));
    }

    [Fact]
    public void A_permalink_after_a_caption_is_dropped()
    {
        var document = Parse("""
            <body><h2>Call graphs</h2><figure class="align-default" id="id1"><img src="graph.png" alt="">
            <figcaption><p><span class="caption-text">The calls between the modules</span><a class="headerlink" href="#id1" title="Permalink to this image">¶</a></p></figcaption></figure>
            <p>See the <a href="#id1">figure</a> above.</p></body>
            """);

        Assert.Equal(["The calls between the modules", "See the figure above."], Paragraphs(document));
    }

    [Fact]
    public void Headings_and_the_title_lose_their_numbering()
    {
        var document = Parse("""
            <html><head><title>Appendix F. Additional Supplied Modules</title></head><body>
            <h2>Appendix F. Additional Supplied Modules</h2><p>Modules that are not part of the core.</p>
            <h2>F.4. auto_explain</h2><p>Logs execution plans of slow statements.</p>
            <h3>F.4.1. Configuration Parameters</h3><p>Several parameters control it.</p>
            <h3>3.11</h3><p>A version is a heading of its own.</p>
            </body></html>
            """);

        Assert.Equal("Additional Supplied Modules", document.Title);
        Assert.Equal(["Additional Supplied Modules", "auto_explain", "Configuration Parameters", "3.11"], document.Sections.Select(section => section.Heading));
    }
}
