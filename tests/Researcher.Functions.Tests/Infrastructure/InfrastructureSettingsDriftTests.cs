using System.Reflection;
using System.Runtime.Versioning;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Azure.Storage.Queues;
using Researcher.Core;
using Researcher.Core.Api;
using Researcher.Core.Llm;
using Researcher.Core.Progress;
using Researcher.Core.Search;
using Researcher.Core.Search.Web;
using Researcher.Core.Storage;
using Researcher.Functions.Hosting;
using Researcher.Functions.Http;
using Researcher.Functions.Live;
using Researcher.Functions.Tests.Support;
using Researcher.Testing;

namespace Researcher.Functions.Tests.Infrastructure;

/// <summary>
/// Keeps the app settings infra/ deploys (infra/modules/app-settings.bicep, compiled to ARM JSON by this
/// project's build) and the settings the Functions app reads from drifting apart: the connections its
/// bindings and its own code name, the <c>Research:*</c> options it binds, and the settings that must go
/// together (App Service Authentication and <c>Research:Identity:Provider</c>). A setting renamed on one
/// side only fails here. It also holds the template to "no keys anywhere" and to the runtime the app builds for.
/// </summary>
public sealed class InfrastructureSettingsDriftTests
{
    private const string StorageConnectionDefault = "AzureWebJobsStorage";
    private const string SignalRConnectionDefault = "AzureSignalRConnectionString";
    private const string ClientId = "0f2e6c1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b";

    private static ArmTemplate AppSettingsModule => ArmTemplate.Main.Module("app-settings");

    /// <summary>The settings the template defines: name and value (a literal or an ARM expression).</summary>
    private static IReadOnlyDictionary<string, JsonElement> Settings =>
        AppSettingsModule.Variable("appSettings").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

    [Fact]
    public void The_app_settings_resource_deploys_the_settings_variable_with_the_extra_settings_last()
    {
        var config = Assert.Single(AppSettingsModule.ResourcesOf("Microsoft.Web/sites/config"));

        Assert.EndsWith("'appsettings')]", config.GetProperty("name").GetString());
        Assert.Equal("[union(variables('appSettings'), parameters('extraAppSettings'))]", config.GetProperty("properties").GetString());
    }

    public static TheoryData<string, string> BoundConnections()
    {
        var data = new TheoryData<string, string>();
        foreach (var (kind, name) in ConnectionsOfBindings().Distinct())
            data.Add(kind, name);
        return data;
    }

    [Theory]
    [MemberData(nameof(BoundConnections))]
    public void Every_connection_the_functions_bind_is_an_identity_based_setting(string kind, string name)
    {
        var settings = Settings;

        Assert.False(settings.ContainsKey(name), $"{name} is set as a connection string; it must be an identity-based connection ({name}__...).");
        Assert.Equal("managedidentity", Literal(settings, $"{name}__credential"));
        Assert.Equal("[parameters('identityClientId')]", Literal(settings, $"{name}__clientId"));
        string[] required = kind switch
        {
            // The host's own storage: Durable Functions' task hub (blobs, queues, tables) and its leases.
            "storage" when name == StorageConnectionDefault => ["blobServiceUri", "queueServiceUri", "tableServiceUri"],
            "queue" => ["queueServiceUri"],
            "signalR" => ["serviceUri"],
            _ => ["serviceUri"],
        };
        foreach (var key in required)
            Assert.True(settings.ContainsKey($"{name}__{key}"), $"{name}__{key} is not in app-settings.bicep.");
    }

    [Fact]
    public void The_connections_the_code_reads_are_the_ones_the_bindings_use()
    {
        var connections = ConnectionsOfBindings().ToList();

        Assert.Contains(("storage", QueueProgressNotifier.ConnectionSetting), connections);
        Assert.Contains(("queue", QueueProgressNotifier.ConnectionSetting), connections);
        Assert.Contains(("signalR", FunctionsServiceCollectionExtensions.SignalRConnectionSetting), connections);
        Assert.Equal([SignalRConnectionDefault, StorageConnectionDefault], connections.Select(c => c.Name).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_Research_setting_the_template_sets_is_a_setting_the_app_binds()
    {
        var research = Settings.Keys.Where(k => k.StartsWith("Research__", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(research);
        Assert.All(research, key => Assert.True(BindsToAnOption(key.Replace("__", ":", StringComparison.Ordinal)),
            $"{key} binds no property of the app's options classes (Research:* sections of Researcher.Core and Researcher.Functions)."));
    }

    [Fact]
    public void The_template_default_search_provider_is_one_the_app_knows()
    {
        var provider = ArmTemplate.Main.Root.GetProperty("parameters").GetProperty("searchProvider").GetProperty("defaultValue").GetString();

        Assert.Contains(provider, SearchSourceOptions.Providers);
        Assert.Equal("[parameters('searchProvider')]", AppSettingsModule.Variable("appSettings").GetProperty("Research__Search__Provider").GetString());
    }

    [Fact]
    public void The_research_storage_is_identity_based_on_the_host_storage_account()
    {
        var settings = Settings;

        Assert.DoesNotContain($"Research__Storage__{nameof(ResearchStorageOptions.ConnectionString)}", settings.Keys);
        Assert.Equal(Literal(settings, "AzureWebJobsStorage__blobServiceUri"), Literal(settings, $"Research__Storage__{nameof(ResearchStorageOptions.BlobServiceUri)}"));
        Assert.Equal(Literal(settings, "AzureWebJobsStorage__tableServiceUri"), Literal(settings, $"Research__Storage__{nameof(ResearchStorageOptions.TableServiceUri)}"));
        Assert.Equal(StorageConnection.ManagedIdentityCredential, Literal(settings, $"Research__Storage__{nameof(ResearchStorageOptions.Credential)}"));
        Assert.Equal("[parameters('identityClientId')]", Literal(settings, $"Research__Storage__{nameof(ResearchStorageOptions.ClientId)}"));
    }

    public static TheoryData<string> Deployments => ["plain", "everything"];

    [Theory]
    [MemberData(nameof(Deployments))]
    public void The_settings_Azure_gets_start_the_app_with_identity_based_clients(string deployment)
    {
        var everything = deployment == "everything";
        var values = Evaluated(everything);
        using var host = AppHost(values);

        // What the host checks at start-up: every validated option (storage, identity, LLM, search...).
        host.Services.GetRequiredService<IStartupValidator>().Validate();

        var storage = StorageConnection.ForResearch(host.Services.GetRequiredService<IOptions<ResearchStorageOptions>>().Value);
        Assert.True(storage.UsesIdentity);
        Assert.Equal(("https://stexample.blob.core.windows.net/", "https://stexample.table.core.windows.net/"),
            (storage.ServiceUri(StorageService.Blob).AbsoluteUri, storage.ServiceUri(StorageService.Table).AbsoluteUri));
        Assert.IsType<global::Azure.Identity.ManagedIdentityCredential>(storage.CreateCredential(host.Services.GetRequiredService<AzureComponentFactory>()));
        Assert.IsType<BlobContentStore>(host.Services.GetRequiredService<IContentStore>());
        Assert.IsType<TableEventLog>(host.Services.GetRequiredService<IEventLog>());

        Assert.IsType<QueueProgressNotifier>(host.Services.GetRequiredService<IProgressNotifier>());
        var queues = host.Services.GetRequiredService<IAzureClientFactory<QueueServiceClient>>().CreateClient(QueueProgressNotifier.ConnectionSetting);
        Assert.Equal("https://stexample.queue.core.windows.net/", queues.Uri.AbsoluteUri);

        Assert.Contains("https://sigr-example.service.signalr.net wss://sigr-example.service.signalr.net",
            host.Services.GetRequiredService<SecurityHeaders>().ContentSecurityPolicy);

        var identity = host.Services.GetRequiredService<IOptions<FunctionsIdentityOptions>>().Value;
        Assert.Equal(everything ? FunctionsIdentityOptions.AppServiceAuthentication : "", identity.Provider);

        var llm = host.Services.GetRequiredService<IOptions<LlmOptions>>().Value;
        Assert.Equal(everything ? LlmOptions.AzureOpenAI : "", llm.Provider);
        Assert.True(string.IsNullOrEmpty(llm.ApiKey), "Azure OpenAI is reached with the identity, never a key.");

        // A provider's options are validated only when it is chosen (the key is then required).
        if (everything)
            Assert.Equal("@Microsoft.KeyVault(VaultName=kv-example;SecretName=tavily-api-key)", host.Services.GetRequiredService<IOptions<TavilyOptions>>().Value.ApiKey);
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        Assert.Equal(everything ? "tavily" : "local", configuration[$"{SearchSourceOptions.SectionName}:{nameof(SearchSourceOptions.Provider)}"]);
        Assert.Equal("", configuration[$"{BraveOptions.SectionName}:{nameof(BraveOptions.ApiKey)}"]);
    }

    [Fact]
    public void App_Service_Authentication_and_the_app_identity_provider_are_switched_by_the_same_parameter()
    {
        var functionApp = ArmTemplate.Main.Module("function-app");
        var auth = Assert.Single(functionApp.ResourcesOf("Microsoft.Web/sites/config"), r => r.GetProperty("name").GetString()!.Contains("'authsettingsV2'"));
        var condition = auth.GetProperty("condition").GetString();

        Assert.Equal(condition, functionApp.Root.GetProperty("outputs").GetProperty("authEnabled").GetProperty("value").GetString());
        var passed = AppSettingsModule.PassedParameter("authEnabled");
        Assert.Contains("'function-app'", passed);
        Assert.EndsWith(".outputs.authEnabled.value]", passed);

        // The setting App Service Authentication reads in place of a client secret is one the template sets.
        Assert.Equal("[parameters('authClientAssertionSettingName')]",
            auth.GetProperty("properties").GetProperty("identityProviders").GetProperty("azureActiveDirectory")
                .GetProperty("registration").GetProperty("clientSecretSettingName").GetString());
        Assert.Equal("[variables('authClientAssertionSettingName')]", functionApp.PassedParameter("authClientAssertionSettingName"));
        var settingName = ArmTemplate.Main.Variable("authClientAssertionSettingName").GetString()!;
        Assert.Contains(settingName, Settings.Keys);
    }

    [Fact]
    public void No_key_or_connection_string_is_anywhere_in_the_template()
    {
        var json = ArmTemplate.Main.Root.GetRawText();

        foreach (var forbidden in new[] { "listKeys", "listConnectionStrings", "listAccountSas", "listServiceSas", "AccountKey=", "AccessKey=", "SharedAccessKey" })
            Assert.DoesNotContain(forbidden, json, StringComparison.OrdinalIgnoreCase);
        // Flex Consumption takes the runtime from functionAppConfig and refuses these settings.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", Settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", Settings.Keys);
        // The search API keys are Key Vault references, never values.
        Assert.All(Settings.Where(s => s.Key.EndsWith("__ApiKey", StringComparison.Ordinal)), s => Assert.Contains("@Microsoft.KeyVault(VaultName=", s.Value.GetString()));
    }

    [Fact]
    public void Every_service_refuses_local_keys()
    {
        Assert.False(Property(Resource("storage", "Microsoft.Storage/storageAccounts"), "allowSharedKeyAccess").GetBoolean());
        var signalR = Resource("signalr", "Microsoft.SignalRService/signalR");
        Assert.True(Property(signalR, "disableLocalAuth").GetBoolean());
        Assert.Contains(Property(signalR, "features").EnumerateArray(), f => f.GetProperty("flag").GetString() == "ServiceMode" && f.GetProperty("value").GetString() == "Serverless");
        Assert.True(Property(Resource("monitoring", "Microsoft.Insights/components"), "DisableLocalAuth").GetBoolean());
        Assert.True(Property(Resource("openai", "Microsoft.CognitiveServices/accounts"), "disableLocalAuth").GetBoolean());
        Assert.True(Property(Resource("key-vault", "Microsoft.KeyVault/vaults"), "enableRbacAuthorization").GetBoolean());
    }

    [Fact]
    public void The_Flex_Consumption_runtime_is_the_framework_the_app_is_built_for()
    {
        var functionApp = ArmTemplate.Main.Module("function-app");
        var plan = Assert.Single(functionApp.ResourcesOf("Microsoft.Web/serverfarms"));
        var runtime = Property(Assert.Single(functionApp.ResourcesOf("Microsoft.Web/sites")), "functionAppConfig").GetProperty("runtime");
        var framework = typeof(QueueProgressNotifier).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;

        Assert.Equal(("FC1", "FlexConsumption"), (plan.GetProperty("sku").GetProperty("name").GetString(), plan.GetProperty("sku").GetProperty("tier").GetString()));
        Assert.Equal("dotnet-isolated", runtime.GetProperty("name").GetString());
        Assert.Equal($".NETCoreApp,Version=v{runtime.GetProperty("version").GetString()}", framework);
    }

    [Fact]
    public void The_identity_holds_exactly_the_roles_it_needs()
    {
        var module = ArmTemplate.Main.Module("role-assignments");
        var roles = module.Variable("roles").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var assigned = module.ResourcesOf("Microsoft.Authorization/roleAssignments")
            .Select(r => r.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!)
            .Select(id => roles.Single(role => id.Contains($"variables('roles').{role.Key})", StringComparison.Ordinal)).Value)
            .ToList();

        Assert.Equal(
            [
                "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
                "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
                "420fcaa2-552c-430f-98ca-3264be4806c7", // SignalR App Server
                "4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User
                "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", // Cognitive Services OpenAI User (with the OpenAI account only)
                "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
                "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner
            ],
            assigned.Order(StringComparer.Ordinal));
        Assert.All(module.ResourcesOf("Microsoft.Authorization/roleAssignments"),
            r => Assert.Equal("[parameters('principalId')]", r.GetProperty("properties").GetProperty("principalId").GetString()));
    }

    /// <summary>
    /// The connections the app's functions bind, by kind, with the binding's default where none is named:
    /// queue triggers and the Durable Functions storage (host.json's storage provider) on
    /// <c>AzureWebJobsStorage</c>, the SignalR bindings on <c>AzureSignalRConnectionString</c>.
    /// </summary>
    private static IEnumerable<(string Kind, string Name)> ConnectionsOfBindings()
    {
        var methods = typeof(QueueProgressNotifier).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .ToList();
        var attributes = methods.SelectMany(m =>
            m.GetParameters().SelectMany(p => p.GetCustomAttributes())
                .Concat(m.ReturnParameter.GetCustomAttributes())
                .Concat(m.GetCustomAttributes())
                .Concat(ReturnedType(m.ReturnType).GetProperties().SelectMany(p => p.GetCustomAttributes())));
        var durable = false;
        foreach (var attribute in attributes)
        {
            var type = attribute.GetType();
            if (type.Name.Contains("SignalR", StringComparison.Ordinal))
                yield return ("signalR", (string?)type.GetProperty("ConnectionStringSetting")?.GetValue(attribute) ?? SignalRConnectionDefault);
            else if (type.Name.StartsWith("Queue", StringComparison.Ordinal))
                yield return ("queue", (string?)type.GetProperty("Connection")?.GetValue(attribute) ?? StorageConnectionDefault);
            else if (type.Name is nameof(OrchestrationTriggerAttribute) or nameof(ActivityTriggerAttribute) or nameof(DurableClientAttribute))
                durable = true;
            else if (type.GetProperty("Connection") is not null)
                throw new InvalidOperationException($"{type.Name} names a connection: teach this test its kind.");
        }
        Assert.True(durable, "The app has Durable Functions bindings.");
        yield return ("storage", DurableStorageConnection());
    }

    private static string DurableStorageConnection()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")));
        var provider = hostJson.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("storageProvider");
        foreach (var name in new[] { "connectionName", "connectionStringName" })
            if (provider.TryGetProperty(name, out var connection))
                return connection.GetString()!;
        return StorageConnectionDefault;
    }

    private static Type ReturnedType(Type type) =>
        type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? type.GetGenericArguments()[0]
            : type;

    /// <summary>The options classes the Functions app binds (a <c>SectionName</c> under <c>Research</c>), by section.</summary>
    private static IReadOnlyList<(string Section, Type Type)> OptionsClasses =>
        [.. new[] { typeof(ResearchStorageOptions).Assembly, typeof(FunctionsIdentityOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.GetRawConstantValue() is string section && section.StartsWith("Research", StringComparison.Ordinal))
            .Select(x => ((string)x.Field!.GetRawConstantValue()!, x.Type))];

    private static bool BindsToAnOption(string key) =>
        OptionsClasses.Any(o => key.StartsWith(o.Section + ":", StringComparison.OrdinalIgnoreCase)
                                && Binds(o.Type, key[(o.Section.Length + 1)..].Split(':')));

    private static bool Binds(Type type, ReadOnlySpan<string> path)
    {
        if (path.IsEmpty)
            return true;
        if (type != typeof(string) && type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IList<>)) is { } list)
            return int.TryParse(path[0], out _) && Binds(list.GetGenericArguments()[0], path[1..]);
        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is { CanWrite: true } && Binds(property.PropertyType, path[1..]);
    }

    /// <summary>
    /// The settings as the app would see them in a deployment: <paramref name="everything"/> with sign-in,
    /// Azure OpenAI and a Tavily key, otherwise none of them. Every parameter of the module must have a value.
    /// </summary>
    private static Dictionary<string, string?> Evaluated(bool everything)
    {
        var parameters = new Dictionary<string, object>
        {
            ["identityClientId"] = ClientId,
            ["blobServiceUri"] = "https://stexample.blob.core.windows.net/",
            ["queueServiceUri"] = "https://stexample.queue.core.windows.net/",
            ["tableServiceUri"] = "https://stexample.table.core.windows.net/",
            ["signalRServiceUri"] = "https://sigr-example.service.signalr.net",
            ["applicationInsightsConnectionString"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.in.applicationinsights.azure.com/",
            ["keyVaultName"] = "kv-example",
            ["tavilyApiKeySecretName"] = everything ? "tavily-api-key" : "",
            ["braveApiKeySecretName"] = "",
            ["searchProvider"] = everything ? "tavily" : "local",
            ["authEnabled"] = everything,
            ["openAIEndpoint"] = everything ? "https://oai-example.openai.azure.com/" : "",
            ["openAIDeploymentName"] = everything ? "gpt-4o-mini" : "",
        };
        Assert.Equal(
            AppSettingsModule.ParameterNames.Except(["functionAppName", "extraAppSettings"]).Order(),
            parameters.Keys.Order());
        var expressions = new ArmExpressions(parameters);
        return Settings.ToDictionary(s => s.Key, s => (string?)Convert.ToString(expressions.Evaluate(s.Value), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The Functions app's services as Program.cs registers them, over the given app settings (environment-variable names).</summary>
    private static IHost AppHost(IReadOnlyDictionary<string, string?> appSettings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(appSettings.Select(s => new KeyValuePair<string, string?>(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value)));
        builder.Services.AddResearchEngine();
        builder.Services.AddAzureResearchStorage();
        builder.Services.AddFunctionsHost();
        return builder.Build();
    }

    private static string? Literal(IReadOnlyDictionary<string, JsonElement> settings, string name)
    {
        Assert.True(settings.TryGetValue(name, out var value), $"{name} is not in app-settings.bicep.");
        return value.GetString();
    }

    private static JsonElement Resource(string module, string type) => Assert.Single(ArmTemplate.Main.Module(module).ResourcesOf(type));

    private static JsonElement Property(JsonElement resource, string name) => resource.GetProperty("properties").GetProperty(name);
}
