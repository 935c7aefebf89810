using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Researcher.Core.Context;
using Researcher.Core.Contracts;
using Researcher.Core.Embeddings;
using Researcher.Core.Llm;
using Researcher.Core.Planning;
using Researcher.Core.Progress;
using Researcher.Core.Reading;
using Researcher.Core.Search;
using Researcher.Core.Search.Web;
using Researcher.Core.Storage;
using Researcher.Core.Web;
using Researcher.Core.Writing;
using Researcher.LocalHost.Engine;
using Researcher.LocalHost.Live;
using Researcher.Testing;

namespace Researcher.LocalHost.Tests.Configuration;

/// <summary>appsettings.json is the local host's list of every setting: it names each one with its real default.</summary>
public sealed class AppSettingsTests
{
    public static TheoryData<Type, string> OptionsSections => new()
    {
        { typeof(ResearchStorageOptions), ResearchStorageOptions.SectionName },
        { typeof(DurableEngineOptions), DurableEngineOptions.SectionName },
        { typeof(LocalDocumentsOptions), LocalDocumentsOptions.SectionName },
        { typeof(ResearchLimits), ResearchLimits.SectionName },
        { typeof(ResearchApiOptions), ResearchApiOptions.SectionName },
        { typeof(LiveProgressOptions), LiveProgressOptions.SectionName },
        { typeof(LiveProgressHostOptions), LiveProgressHostOptions.SectionName },
        { typeof(BearerIdentityOptions), BearerIdentityOptions.SectionName },
        { typeof(LocalSearchOptions), LocalSearchOptions.SectionName },
        { typeof(DocumentIndexOptions), DocumentIndexOptions.SectionName },
        { typeof(LocalEmbeddingOptions), LocalEmbeddingOptions.SectionName },
        { typeof(ExtractivePlanningOptions), ExtractivePlanningOptions.SectionName },
        { typeof(PassageSelectionOptions), PassageSelectionOptions.SectionName },
        { typeof(ExtractiveWritingOptions), ExtractiveWritingOptions.SectionName },
        { typeof(SearchSourceOptions), SearchSourceOptions.SectionName },
        { typeof(WebSearchOptions), WebSearchOptions.SectionName },
        { typeof(SearxngOptions), SearxngOptions.SectionName },
        { typeof(TavilyOptions), TavilyOptions.SectionName },
        { typeof(BraveOptions), BraveOptions.SectionName },
        { typeof(WikipediaOptions), WikipediaOptions.SectionName },
        { typeof(ArxivOptions), ArxivOptions.SectionName },
        { typeof(DuckDuckGoOptions), DuckDuckGoOptions.SectionName },
        { typeof(WebFetchOptions), WebFetchOptions.SectionName },
        { typeof(ProviderRequestOptions), ProviderRequestOptions.SectionName },
        { typeof(LlmOptions), LlmOptions.SectionName },
    };

    [Theory]
    [MemberData(nameof(OptionsSections))]
    public void Every_setting_is_listed_with_its_default(Type optionsType, string sectionName)
    {
        var path = Path.Combine(RepositoryPaths.Root, "functions", "Researcher.LocalHost", "appsettings.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var section = sectionName.Split(':').Aggregate(json.RootElement, (element, name) => element.GetProperty(name));
        var defaults = Activator.CreateInstance(optionsType)!;

        foreach (var property in optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            Assert.True(section.TryGetProperty(property.Name, out var listed), $"{sectionName}:{property.Name} is not in appsettings.json");
            var value = property.GetValue(defaults);
            var (expected, actual) = listed.ValueKind switch
            {
                JsonValueKind.Number => (Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), listed.GetDouble().ToString(CultureInfo.InvariantCulture)),
                // A list is written out whole; a null default as null (an empty string would bind as a value).
                JsonValueKind.Array => (string.Join(",", ((System.Collections.IEnumerable)value!).Cast<object>().Select(item => JsonSerializer.Serialize(item))),
                    string.Join(",", listed.EnumerateArray().Select(item => item.GetRawText()))),
                JsonValueKind.True or JsonValueKind.False => (Convert.ToString(value, CultureInfo.InvariantCulture), listed.GetBoolean().ToString(CultureInfo.InvariantCulture)),
                _ => (value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture), listed.GetString()),
            };
            Assert.True(expected == actual, $"{sectionName}:{property.Name} is {actual} in appsettings.json but defaults to {expected}");
        }
    }
}
