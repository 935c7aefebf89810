using System.Text;
using Researcher.Core.Contracts;

namespace Researcher.Core.Tests.Contracts;

public class ResearchRequestReaderTests
{
    private static readonly ResearchLimits Limits = new() { MaxQuestionLength = 100, MaxRequestBytes = 2_048 };
    private readonly ResearchRequestReader reader = new(Limits);

    private Task<RequestReadResult> Read(string body, string? contentType = "application/json") =>
        reader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), contentType, CancellationToken.None);

    [Fact]
    public async Task A_plain_question_gets_the_defaults()
    {
        var result = await Read("""{"question":"  How do I cancel a research?  "}""");

        Assert.Null(result.Problem);
        var spec = Assert.IsType<ResearchSpec>(result.Spec);
        Assert.Equal("How do I cancel a research?", spec.Question);
        Assert.Equal(ReportType.ResearchReport, spec.ReportType);
        Assert.Equal(Limits.DefaultSubQuestions, spec.MaxSubQuestions);
        Assert.Equal(Limits.DefaultSourcesPerSubQuestion, spec.MaxSourcesPerSubQuestion);
    }

    [Theory]
    [InlineData("research_report", ReportType.ResearchReport)]
    [InlineData("resource_report", ReportType.ResourceReport)]
    [InlineData("outline_report", ReportType.OutlineReport)]
    public async Task Every_known_report_type_is_accepted(string wireName, ReportType expected)
    {
        var result = await Read($$"""{"question":"Where are reports stored?","reportType":"{{wireName}}"}""");

        Assert.Equal(expected, result.Spec?.ReportType);
    }

    [Theory]
    [InlineData("""{"question":""}""", "question")]
    [InlineData("""{"question":"   \n\t "}""", "question")]
    [InlineData("""{}""", "question")]
    [InlineData("""{"question":null}""", "question")]
    [InlineData("""{"question":"What\u0000now?"}""", "question")]
    [InlineData("""{"question":"ok question","reportType":"deep_magic"}""", "reportType")]
    [InlineData("""{"question":"ok question","maxSubQuestions":0}""", "maxSubQuestions")]
    [InlineData("""{"question":"ok question","maxSubQuestions":9}""", "maxSubQuestions")]
    [InlineData("""{"question":"ok question","maxSourcesPerSubQuestion":-1}""", "maxSourcesPerSubQuestion")]
    public async Task Invalid_fields_are_named_in_a_400_problem(string body, string field)
    {
        var result = await Read(body);

        Assert.Null(result.Spec);
        var problem = Assert.IsType<Problem>(result.Problem);
        Assert.Equal(400, problem.Status);
        Assert.NotNull(problem.Errors);
        Assert.Contains(field, problem.Errors!.Keys);
    }

    [Fact]
    public async Task An_oversized_question_says_how_long_it_was_and_the_limit()
    {
        var result = await Read($$"""{"question":"{{new string('x', 101)}}"}""");

        Assert.Equal(400, result.Problem?.Status);
        Assert.Contains("101", result.Problem!.Detail);
        Assert.Contains("100", result.Problem.Detail);
    }

    [Fact]
    public async Task An_unknown_report_type_lists_the_known_ones()
    {
        var result = await Read("""{"question":"ok question","reportType":"deepest"}""");

        foreach (var known in ReportTypes.WireNames)
            Assert.Contains(known, result.Problem!.Detail);
    }

    [Theory]
    [InlineData("{\"question\": \"unterminated")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("{\"question\": 42}")]
    [InlineData("{\"question\": \"ok\", \"maxSubQuestions\": \"three\"}")]
    [InlineData("")]
    public async Task Malformed_json_is_a_400_problem(string body)
    {
        var result = await Read(body);

        Assert.Equal(400, result.Problem?.Status);
        Assert.DoesNotContain("Researcher.Core", result.Problem!.Detail);
    }

    [Fact]
    public async Task Null_body_literal_is_a_400_problem()
    {
        var result = await Read("null");

        Assert.Equal(400, result.Problem?.Status);
    }

    [Fact]
    public async Task A_misspelt_property_is_rejected_not_ignored()
    {
        var result = await Read("""{"question":"ok question","report_type":"outline_report"}""");

        Assert.Equal(400, result.Problem?.Status);
        Assert.Contains("reportType", result.Problem!.Detail);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_is_a_415(string? contentType)
    {
        var result = await Read("""{"question":"ok question"}""", contentType);

        Assert.Equal(415, result.Problem?.Status);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/problem+json")]
    [InlineData("APPLICATION/JSON")]
    public async Task Json_media_types_with_parameters_are_accepted(string contentType)
    {
        var result = await Read("""{"question":"ok question"}""", contentType);

        Assert.NotNull(result.Spec);
    }

    [Fact]
    public async Task A_body_over_the_byte_limit_is_a_413()
    {
        var result = await Read($$"""{"question":"ok","padding":"{{new string(' ', 3_000)}}"}""");

        Assert.Equal(413, result.Problem?.Status);
    }

    [Fact]
    public async Task A_body_that_cannot_be_read_is_a_400_problem()
    {
        var body = new UnreadableBody(() => new IOException("Bad chunk size data."));

        var result = await reader.ReadAsync(body, "application/json", CancellationToken.None);

        Assert.Null(result.Spec);
        Assert.Equal(400, result.Problem?.Status);
        Assert.Equal("The request body could not be read: it is malformed or was cut off.", result.Problem!.Detail);
    }

    [Fact]
    public async Task A_read_that_fails_once_the_caller_has_cancelled_is_a_cancellation_not_a_problem()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var body = new UnreadableBody(() => new IOException("The client disconnected."));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadAsync(body, "application/json", cancellation.Token));
    }

    [Fact]
    public async Task The_callers_cancellation_while_reading_is_not_swallowed()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var body = new UnreadableBody(() => new OperationCanceledException(cancellation.Token));

        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadAsync(body, "application/json", cancellation.Token));
        Assert.Equal(cancellation.Token, thrown.CancellationToken);
    }

    /// <summary>A request body whose every read throws the exception <paramref name="failure"/> makes.</summary>
    private sealed class UnreadableBody(Func<Exception> failure) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw failure();
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(failure());
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromException<int>(failure());

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task A_deep_research_gets_the_configured_tree_and_limits()
    {
        var result = await Read("""{"question":"How does resuming work?","reportType":"deep"}""");

        var spec = Assert.IsType<ResearchSpec>(result.Spec);
        Assert.Equal(ReportType.DeepReport, spec.ReportType);
        Assert.Equal(new DeepResearchSettings(4, 2, 100, 30, 8), spec.Deep);
        // The top level is planned like sub-questions: breadth of them.
        Assert.Equal(4, spec.MaxSubQuestions);
    }

    [Fact]
    public async Task A_deep_research_takes_its_breadth_depth_and_limits_from_the_request()
    {
        var result = await Read("""{"question":"How does resuming work?","reportType":"deep","breadth":3,"depth":4,"maxSources":40,"maxMinutes":5}""");

        Assert.Equal(new DeepResearchSettings(3, 4, 40, 5, 8), result.Spec?.Deep);
        Assert.Equal(3, result.Spec!.MaxSubQuestions);
        Assert.Null((await Read("""{"question":"How does resuming work?"}""")).Spec!.Deep);
    }

    [Theory]
    [InlineData("""{"question":"How does resuming work?","reportType":"deep","breadth":9}""", "breadth", "between 1 and 8")]
    [InlineData("""{"question":"How does resuming work?","reportType":"deep","breadth":0}""", "breadth", "between 1 and 8")]
    [InlineData("""{"question":"How does resuming work?","reportType":"deep","depth":5}""", "depth", "between 1 and 4")]
    [InlineData("""{"question":"How does resuming work?","reportType":"deep","maxSources":501}""", "maxSources", "between 1 and 500")]
    [InlineData("""{"question":"How does resuming work?","reportType":"deep","maxMinutes":0}""", "maxMinutes", "between 1 and 240")]
    [InlineData("""{"question":"How does resuming work?","reportType":"deep","maxSubQuestions":3}""", "maxSubQuestions", "set breadth")]
    [InlineData("""{"question":"How does resuming work?","reportType":"deep","sourceUrls":["https://example.org/"]}""", "sourceUrls", "searches")]
    [InlineData("""{"question":"How does resuming work?","breadth":3}""", "breadth", "deep research only")]
    [InlineData("""{"question":"How does resuming work?","reportType":"detailed_report","maxMinutes":3}""", "maxMinutes", "deep research only")]
    public async Task A_deep_field_out_of_bounds_or_out_of_place_is_a_bad_request_naming_it(string body, string field, string says)
    {
        var result = await Read(body);

        Assert.Null(result.Spec);
        var errors = Assert.IsAssignableFrom<IReadOnlyDictionary<string, string[]>>(result.Problem!.Errors);
        Assert.Contains(says, Assert.Single(errors[field]));
        Assert.Equal(400, result.Problem.Status);
    }
}
