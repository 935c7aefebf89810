using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Researcher.Core.Contracts;
using Researcher.LocalHost.Cli;

namespace Researcher.LocalHost.Tests.Cli;

/// <summary>
/// <c>researcher serve</c> (and a bare <c>researcher</c>) takes configuration settings on its command line,
/// as the README documents, and still refuses what is not a setting. Nothing here starts a server.
/// </summary>
public sealed class ServeCommandTests
{
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    private ParseResult Parse(params string[] args) => ResearcherCommandLine.Create(output, error).Parse(args);

    [Theory]
    [InlineData("serve", "--urls", "http://127.0.0.1:0", "--Research:Limits:MaxQuestionLength=500")]
    [InlineData("serve", "--urls", "http://127.0.0.1:0", "--Research:Limits:MaxQuestionLength", "500")]
    [InlineData("serve", "--Research:Limits:MaxQuestionLength=500", "--urls=http://127.0.0.1:0")]
    [InlineData("--Research:Limits:MaxQuestionLength=500", "--urls", "http://127.0.0.1:0")]
    [InlineData("--Research:Limits:MaxQuestionLength", "500", "--urls", "http://127.0.0.1:0")]
    [InlineData("--Research:Limits:MaxQuestionLength", "500", "serve", "--urls", "http://127.0.0.1:0")]
    public async Task A_setting_on_the_command_line_reaches_the_application_configuration(params string[] args)
    {
        var parseResult = Parse(args);

        Assert.Empty(parseResult.Errors);
        var settings = ConfigurationSettings.Read(parseResult);
        Assert.Empty(settings.Errors);
        Assert.Equal(["--Research:Limits:MaxQuestionLength=500"], settings.ConfigurationArgs);

        await using var app = LocalHostApplication.Create(["http://127.0.0.1:0"], configurationArgs: settings.ConfigurationArgs);
        Assert.Equal("500", app.Configuration["Research:Limits:MaxQuestionLength"]);
        Assert.Equal(500, app.Services.GetRequiredService<IOptions<ResearchLimits>>().Value.MaxQuestionLength);

        // The real entry point accepts the command line too. Cancelled from the start, the server it
        // builds stops before serving.
        var exitCode = await ResearcherCommandLine.RunAsync(args, output, error, new CancellationToken(canceled: true));
        Assert.True(exitCode != ExitCodes.InvalidInput && error.ToString().Length == 0, $"exit {exitCode}: {error}");
    }

    [Fact]
    public void Settings_keep_their_order_and_values_may_contain_separators()
    {
        var settings = ConfigurationSettings.Read(Parse(
            "serve", "--Research:Storage:ConnectionString=UseDevelopmentStorage=true", "--Research:Api:RetryAfterSeconds", "3",
            "--Research:Api:RetryAfterSeconds=5", "--environment=Development"));

        Assert.Empty(settings.Errors);
        Assert.Equal(
            ["--Research:Storage:ConnectionString=UseDevelopmentStorage=true", "--Research:Api:RetryAfterSeconds=3",
             "--Research:Api:RetryAfterSeconds=5", "--environment=Development"],
            settings.ConfigurationArgs);
    }

    [Theory]
    [InlineData("an unknown option", "serve", "--colour")]
    [InlineData("an unknown option with a value", "serve", "--colour", "blue")]
    [InlineData("an unknown option of the bare command", "--colour")]
    [InlineData("a single-dash option", "serve", "-c=blue")]
    [InlineData("a stray word", "serve", "tides")]
    [InlineData("a setting without a value", "serve", "--Research:Limits:MaxQuestionLength")]
    [InlineData("a setting whose value is another option", "serve", "--Research:Limits:MaxQuestionLength", "--urls", "http://127.0.0.1:0", "500")]
    [InlineData("a setting whose value is the command", "--Research:Limits:MaxQuestionLength", "serve", "500")]
    [InlineData("a setting without a key", "serve", "--=500")]
    [InlineData("urls without a value", "serve", "--urls")]
    [InlineData("a setting written before the research command", "--Research:Limits:MaxQuestionLength=500", "research", "How do tides form?")]
    public async Task What_is_not_a_setting_exits_2_with_a_message_and_runs_nothing(string @case, params string[] args)
    {
        // Cancelled from the start: were the command line wrongly accepted, the server would stop at
        // once instead of serving, and the exit code would not be 2.
        var exitCode = await ResearcherCommandLine.RunAsync(args, output, error, new CancellationToken(canceled: true));

        Assert.True(exitCode == ExitCodes.InvalidInput, $"{@case}: exit {exitCode}: {error}");
        Assert.StartsWith("error: ", error.ToString());
        Assert.DoesNotContain("   at ", error.ToString());
    }

    [Theory]
    [InlineData("Research:SignalR:TokenSigningKey", "--Research:SignalR:TokenSigningKey=too-short")]
    [InlineData("MaxQuestionLength", "--Research:Limits:MaxQuestionLength=0")]
    public async Task Settings_that_fail_validation_exit_2_with_one_line_each_and_no_stack_trace(string named, string setting)
    {
        // Were the setting wrongly accepted, the server would serve until this bound and exit 0.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var exitCode = await ResearcherCommandLine.RunAsync(["serve", "--urls", "http://127.0.0.1:0", setting], output, error, bound.Token);

        Assert.True(exitCode == ExitCodes.InvalidInput, $"exit {exitCode}: {error}");
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.StartsWith("error: Configuration: ", line));
        Assert.Contains(named, error.ToString());
        Assert.DoesNotContain("   at ", error.ToString());
        Assert.DoesNotContain("Exception", error.ToString());
    }
}
