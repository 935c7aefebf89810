using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Researcher.Functions.Tests.Support;

/// <summary>
/// The ARM template the test build compiles from infra/main.bicep (eng/Bicep.targets writes it to
/// <c>infra/main.json</c> beside the tests), with its nested module deployments by name.
/// </summary>
internal sealed class ArmTemplate
{
    private static readonly Lazy<ArmTemplate> main = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "infra", "main.json");
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"{path} is missing: the test project's build compiles infra/main.bicep with the Bicep CLI (eng/Bicep.targets, CompileBicepTemplate).", path);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return new ArmTemplate("main", document.RootElement.Clone(), parameterValues: null);
    });

    private ArmTemplate(string name, JsonElement root, JsonElement? parameterValues)
    {
        Name = name;
        Root = root;
        ParameterValues = parameterValues;
    }

    /// <summary>The compiled infra/main.bicep.</summary>
    public static ArmTemplate Main => main.Value;

    /// <summary>The deployment name (a module's <c>name</c>), or "main".</summary>
    public string Name { get; }

    public JsonElement Root { get; }

    /// <summary>For a module: the parameter values its parent passes (<c>properties.parameters</c>).</summary>
    public JsonElement? ParameterValues { get; }

    /// <summary>The template's resources (an array, or an object of symbolic names in language version 2.0).</summary>
    public IEnumerable<JsonElement> Resources =>
        Root.GetProperty("resources") is { ValueKind: JsonValueKind.Object } symbolic
            ? symbolic.EnumerateObject().Select(p => p.Value)
            : Root.GetProperty("resources").EnumerateArray();

    public IEnumerable<JsonElement> ResourcesOf(string type) =>
        Resources.Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The nested template of module <paramref name="deploymentName"/>.</summary>
    public ArmTemplate Module(string deploymentName)
    {
        var deployment = Assert.Single(ResourcesOf("Microsoft.Resources/deployments"), r => r.GetProperty("name").GetString() == deploymentName);
        var properties = deployment.GetProperty("properties");
        return new ArmTemplate(deploymentName, properties.GetProperty("template"), properties.GetProperty("parameters"));
    }

    /// <summary>Every template: this one and its modules, depth first.</summary>
    public IEnumerable<ArmTemplate> All()
    {
        yield return this;
        foreach (var deployment in ResourcesOf("Microsoft.Resources/deployments"))
            foreach (var template in Module(deployment.GetProperty("name").GetString()!).All())
                yield return template;
    }

    public JsonElement Variable(string name) => Root.GetProperty("variables").GetProperty(name);

    public IReadOnlyList<string> ParameterNames => [.. Root.GetProperty("parameters").EnumerateObject().Select(p => p.Name)];

    /// <summary>The expression or value the parent passes as parameter <paramref name="name"/> of this module.</summary>
    public string PassedParameter(string name)
    {
        var passed = ParameterValues ?? throw new InvalidOperationException($"{Name} is not a module.");
        if (passed.GetProperty(name) is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("value", out var inner))
            return inner.ValueKind == JsonValueKind.String ? inner.GetString()! : inner.GetRawText();
        return passed.GetProperty(name).GetRawText();
    }
}

/// <summary>
/// Evaluates the few ARM template expressions the app settings use (<c>parameters</c>, <c>if</c>,
/// <c>empty</c>, <c>not</c>, <c>format</c>, <c>concat</c>, string literals) against given parameter
/// values. Anything else fails the test with the expression, so a new kind of expression in
/// app-settings.bicep is noticed rather than guessed.
/// </summary>
internal sealed class ArmExpressions(IReadOnlyDictionary<string, object> parameters)
{
    /// <summary>A JSON value of a template: a literal, or an expression in brackets.</summary>
    public object Evaluate(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Evaluate(value.GetString()!),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new InvalidOperationException($"Unsupported template value {value.GetRawText()}"),
    };

    public object Evaluate(string text)
    {
        if (!text.StartsWith('[') || text.StartsWith("[[", StringComparison.Ordinal) || !text.EndsWith(']'))
            return text.StartsWith("[[", StringComparison.Ordinal) ? text[1..] : text;
        var parser = new Parser(text[1..^1], this);
        var result = parser.Expression();
        parser.End();
        return result;
    }

    /// <summary>The parameter names an expression refers to.</summary>
    public static IReadOnlyList<string> ParametersIn(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"parameters\('([^']+)'\)").Select(m => m.Groups[1].Value)];

    private object Call(string function, IReadOnlyList<object> arguments, string source) => function.ToLowerInvariant() switch
    {
        "parameters" when arguments is [string name] =>
            parameters.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"No value for parameter '{name}' in: {source}"),
        "if" when arguments is [bool condition, var whenTrue, var whenFalse] => condition ? whenTrue : whenFalse,
        "empty" when arguments is [string text] => text.Length == 0,
        "not" when arguments is [bool value] => !value,
        "format" when arguments.Count > 0 && arguments[0] is string format => string.Format(CultureInfo.InvariantCulture, format, [.. arguments.Skip(1)]),
        "concat" => string.Concat(arguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture))),
        _ => throw new InvalidOperationException($"Unsupported template function {function}({arguments.Count} arguments) in: {source}"),
    };

    private sealed class Parser(string text, ArmExpressions owner)
    {
        private int position;

        public object Expression()
        {
            SkipSpaces();
            if (Peek() == '\'')
                return StringLiteral();
            var start = position;
            while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '_'))
                position++;
            var name = text[start..position];
            if (name.Length == 0)
                throw Unexpected();
            SkipSpaces();
            if (name is "true" or "false" && Peek() != '(')
                return name == "true";
            Expect('(');
            var arguments = new List<object>();
            SkipSpaces();
            if (Peek() != ')')
            {
                arguments.Add(Expression());
                SkipSpaces();
                while (Peek() == ',')
                {
                    position++;
                    arguments.Add(Expression());
                    SkipSpaces();
                }
            }
            Expect(')');
            SkipSpaces();
            if (Peek() is '.' or '[')
                throw new InvalidOperationException($"Unsupported property access in: {text}");
            return owner.Call(name, arguments, text);
        }

        public void End()
        {
            SkipSpaces();
            if (position != text.Length)
                throw Unexpected();
        }

        private string StringLiteral()
        {
            Expect('\'');
            var builder = new StringBuilder();
            while (true)
            {
                if (position >= text.Length)
                    throw Unexpected();
                var c = text[position++];
                if (c != '\'')
                {
                    builder.Append(c);
                    continue;
                }
                if (Peek() == '\'')
                {
                    builder.Append('\'');
                    position++;
                    continue;
                }
                return builder.ToString();
            }
        }

        private char Peek() => position < text.Length ? text[position] : '\0';

        private void Expect(char c)
        {
            if (Peek() != c)
                throw Unexpected();
            position++;
        }

        private void SkipSpaces()
        {
            while (position < text.Length && text[position] == ' ')
                position++;
        }

        private InvalidOperationException Unexpected() => new($"Cannot read the template expression at {position}: {text}");
    }
}
