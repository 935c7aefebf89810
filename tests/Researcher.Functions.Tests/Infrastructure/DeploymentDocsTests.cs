using System.Reflection;
using System.Text.RegularExpressions;
using Researcher.Core.Storage;
using Researcher.Functions.Http;
using Researcher.Functions.Tests.Support;
using Researcher.Testing;

namespace Researcher.Functions.Tests.Infrastructure;

/// <summary>
/// README.md's "Every setting of the Functions app" table names every setting the app binds (each
/// writable property of its <c>Research:*</c> options classes) and every app setting the template sets.
/// </summary>
public sealed class DeploymentDocsTests
{
    private const string TableHeading = "### Every setting of the Functions app";

    [Fact]
    public void The_settings_table_names_every_option_the_app_binds()
    {
        var documented = DocumentedSettings();

        var missing = OptionKeys().Where(key => !documented.Contains(key)).ToList();
        Assert.True(missing.Count == 0, $"README.md's settings table lacks: {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_settings_table_names_every_app_setting_the_template_sets()
    {
        var documented = DocumentedSettings();
        var settings = ArmTemplate.Main.Module("app-settings").Variable("appSettings").EnumerateObject().Select(p => Normalized(p.Name));

        var missing = settings.Where(key => !documented.Contains(key)).ToList();
        Assert.True(missing.Count == 0, $"README.md's settings table lacks: {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_settings_table_names_nothing_the_app_does_not_read()
    {
        var known = OptionKeys()
            .Concat(ArmTemplate.Main.Module("app-settings").Variable("appSettings").EnumerateObject().Select(p => Normalized(p.Name)))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var unknown = DocumentedSettings().Where(key => !known.Contains(key)).ToList();
        Assert.True(unknown.Count == 0, $"README.md's settings table names settings the app does not read: {string.Join(", ", unknown)}");
    }

    /// <summary>Every writable property of the options classes the Functions app binds, as <c>Section:Property</c>.</summary>
    private static IEnumerable<string> OptionKeys() =>
        new[] { typeof(ResearchStorageOptions).Assembly, typeof(FunctionsIdentityOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.GetRawConstantValue() is string section && section.StartsWith("Research", StringComparison.Ordinal))
            .SelectMany(x => x.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite)
                .Select(p => $"{x.Field!.GetRawConstantValue()}:{p.Name}"))
            .Distinct();

    /// <summary>
    /// The settings the table's first column names: a full name in backticks, then siblings in the same
    /// section (<c>`Research:Llm:Timeout` / `MaxOutputTokens`</c>) or of the same connection
    /// (<c>`AzureWebJobsStorage__credential` / `__clientId`</c>), all normalized to colons.
    /// </summary>
    private static HashSet<string> DocumentedSettings()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var start = readme.IndexOf(TableHeading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no \"{TableHeading}\" section.");
        var end = readme.IndexOf("\n#", start + TableHeading.Length, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        var documented = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var firstCell = line.Split('|')[1];
            string? full = null;
            foreach (var token in Regex.Matches(firstCell, "`([^`]+)`").Select(m => m.Groups[1].Value))
            {
                string key;
                if (token.StartsWith("__", StringComparison.Ordinal) && full is not null)
                    key = full[..full.IndexOf(':')] + ":" + token[2..];
                else if (token.Contains(':') || token.Contains("__"))
                    key = full = Normalized(token);
                else if (full is not null && full.Contains(':'))
                    key = full[..full.LastIndexOf(':')] + ":" + token;
                else
                    key = full = token;
                documented.Add(key);
            }
        }
        Assert.NotEmpty(documented);
        return documented;
    }

    private static string Normalized(string name) => name.Replace("__", ":", StringComparison.Ordinal);
}
