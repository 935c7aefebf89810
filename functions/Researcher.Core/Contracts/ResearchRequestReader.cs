using System.Text.Json;

namespace Researcher.Core.Contracts;

/// <summary>The outcome of reading a request: a spec to run, or the problem to answer with.</summary>
public sealed record RequestReadResult(ResearchSpec? Spec, Problem? Problem)
{
    public static RequestReadResult Valid(ResearchSpec spec) => new(spec, null);
    public static RequestReadResult Invalid(Problem problem) => new(null, problem);
}

/// <summary>
/// Reads and validates the body of <c>POST /api/research</c> for both hosts, so that every bad
/// input gets the same 4xx problem wherever it arrives.
/// </summary>
public sealed partial class ResearchRequestReader(ResearchLimits limits, ResearchCapabilities? capabilities = null)
{
    private readonly ResearchCapabilities engine = capabilities ?? ResearchCapabilities.Offline;

    /// <summary>The properties a research request may hold, for error messages.</summary>
    private const string RequestProperties =
        "question, reportType, maxSubQuestions, maxSourcesPerSubQuestion, tone, targetWords, language, instructions, sourceUrls, maxTokens, maxCost, " +
        "breadth, depth, maxSources, maxMinutes";


    /// <summary>
    /// Reads <paramref name="body"/> and validates it. A body that cannot be read (the stream throws an
    /// <see cref="IOException"/>, as Kestrel does for a malformed chunked encoding) is a 400 problem;
    /// a cancellation of <paramref name="cancellationToken"/> is never turned into a problem: it throws
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<RequestReadResult> ReadAsync(Stream body, string? contentType, CancellationToken cancellationToken)
    {
        var (request, problem) = await ReadJsonAsync<ResearchRequest>(
            body, contentType, "the research request", "{\"question\": \"...\"}",
            RequestProperties, cancellationToken);
        return request is null ? RequestReadResult.Invalid(problem!) : Validate(request);
    }

    /// <summary>Reads the body of <c>POST /api/research/{id}/subscribe</c>: <c>{"connectionId": "..."}</c>, checked.</summary>
    public async Task<(SubscribeRequest? Request, Problem? Problem)> ReadSubscribeAsync(
        Stream body, string? contentType, CancellationToken cancellationToken)
    {
        var (request, problem) = await ReadJsonAsync<SubscribeRequest>(
            body, contentType, "the subscription", "{\"connectionId\": \"...\"}", "connectionId", cancellationToken);
        if (request is null) return (null, problem);
        return SubscribeRequest.IsWellFormedConnectionId(request.ConnectionId)
            ? (request, null)
            : (null, Problem.BadRequest(
                $"'connectionId' must be the SignalR connection id of this client: 1 to {SubscribeRequest.MaxConnectionIdLength} letters, digits or -_=+/ characters.",
                new Dictionary<string, string[]> { ["connectionId"] = ["Must be a SignalR connection id."] }));
    }

    public RequestReadResult Validate(ResearchRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var question = request.Question?.Trim() ?? "";
        if (question.Length == 0)
            errors["question"] = ["A question is required and must not be blank."];
        else if (question.Length > limits.MaxQuestionLength)
            errors["question"] = [$"The question has {question.Length} characters; at most {limits.MaxQuestionLength} are accepted."];
        else if (HasControlCharacters(question))
            errors["question"] = ["The question contains control characters."];

        var reportType = ReportType.ResearchReport;
        if (request.ReportType is not null && !ReportTypes.TryParse(request.ReportType, out reportType))
            errors["reportType"] = [$"Unknown report type '{request.ReportType}'. Known types: {string.Join(", ", ReportTypes.WireNames)}."];
        else if (reportType == ReportType.CustomReport && !engine.LanguageModel)
            errors["reportType"] = ["custom_report needs a language model, and this service runs without one (Research:Llm:Provider)."];

        var subQuestions = request.MaxSubQuestions ?? limits.DefaultSubQuestions;
        if (subQuestions < 1 || subQuestions > limits.MaxSubQuestions)
            errors["maxSubQuestions"] = [$"Must be between 1 and {limits.MaxSubQuestions}."];

        var sources = request.MaxSourcesPerSubQuestion ?? limits.DefaultSourcesPerSubQuestion;
        if (sources < 1 || sources > limits.MaxSourcesPerSubQuestion)
            errors["maxSourcesPerSubQuestion"] = [$"Must be between 1 and {limits.MaxSourcesPerSubQuestion}."];

        var style = ReadStyle(request, reportType, errors);
        var sourceUrls = ReadSourceUrls(request.SourceUrls, errors);
        var budget = ReadBudget(request, errors);
        var deep = ReadDeep(request, reportType, errors);

        if (errors.Count > 0)
            return RequestReadResult.Invalid(Problem.BadRequest(
                "One or more fields are not valid: " + string.Join(" ", errors.Values.SelectMany(v => v)), errors));

        // A deep research plans its top level like sub-questions: breadth of them.
        return RequestReadResult.Valid(new ResearchSpec(
            question, reportType, deep?.Breadth ?? subQuestions, sources,
            limits.MaxPassagesPerSubQuestion, limits.MaxPassageCharactersPerSubQuestion)
        {
            Style = style,
            SourceUrls = sourceUrls,
            Budget = budget,
            TakeNotes = engine.LanguageModel,
            Currency = engine.Currency,
            Deep = deep,
        });
    }

    /// <summary>
    /// The tree and limits of a deep research (null for other report types, which may not set them).
    /// A deep research plans its own queries, so it takes no <c>maxSubQuestions</c>, and it searches, so no <c>sourceUrls</c>.
    /// </summary>
    private DeepResearchSettings? ReadDeep(ResearchRequest request, ReportType reportType, Dictionary<string, string[]> errors)
    {
        if (reportType != ReportType.DeepReport)
        {
            foreach (var (name, value) in new[] { ("breadth", request.Breadth), ("depth", request.Depth), ("maxSources", request.MaxSources), ("maxMinutes", request.MaxMinutes) })
                if (value is not null)
                    errors[name] = [$"'{name}' applies to a deep research only; set reportType to deep."];
            return null;
        }
        if (request.MaxSubQuestions is not null)
            errors["maxSubQuestions"] = ["A deep research plans 'breadth' queries per level; set breadth instead of maxSubQuestions."];
        if (request.SourceUrls is not null)
            errors["sourceUrls"] = ["A deep research searches for its sources; sourceUrls cannot be combined with reportType deep."];

        var breadth = Bounded("breadth", request.Breadth, limits.DefaultBreadth, limits.MaxBreadth, errors);
        var depth = Bounded("depth", request.Depth, limits.DefaultDepth, limits.MaxDepth, errors);
        var sources = Bounded("maxSources", request.MaxSources, limits.DefaultDeepSources, limits.MaxDeepSources, errors);
        var minutes = Bounded("maxMinutes", request.MaxMinutes, limits.DefaultDeepMinutes, limits.MaxDeepMinutes, errors);
        return new DeepResearchSettings(breadth, depth, sources, minutes, limits.MaxConcurrentBranches)
        {
            SequentialSubtrees = limits.SequentialSubtrees,
        };
    }

    /// <summary>The request's value, or <paramref name="defaultValue"/>; an error unless it is between 1 and <paramref name="max"/>.</summary>
    private static int Bounded(string name, int? value, int defaultValue, int max, Dictionary<string, string[]> errors)
    {
        var chosen = value ?? defaultValue;
        if (chosen < 1 || chosen > max)
            errors[name] = [$"Must be between 1 and {max}."];
        return chosen;
    }

    private WritingStyle ReadStyle(ResearchRequest request, ReportType reportType, Dictionary<string, string[]> errors)
    {
        var tone = ReportTone.Objective;
        if (request.Tone is not null && !ReportTones.TryParse(request.Tone, out tone))
            errors["tone"] = [$"Unknown tone '{request.Tone}'. Known tones: {string.Join(", ", ReportTones.WireNames)}."];

        var words = request.TargetWords ?? limits.DefaultTargetWords;
        if (words < 100 || words > limits.MaxTargetWords)
            errors["targetWords"] = [$"Must be between 100 and {limits.MaxTargetWords}."];

        var language = request.Language?.Trim();
        if (language is { Length: 0 })
            language = null;
        else if (language is not null && !LanguageName().IsMatch(language))
            errors["language"] = ["Must name a language in 2 to 40 letters, spaces or hyphens, such as 'German' or 'pt-BR'."];

        var instructions = request.Instructions?.Trim();
        if (instructions is { Length: 0 }) instructions = null;
        if (reportType == ReportType.CustomReport && instructions is null)
            errors["instructions"] = ["A custom_report needs instructions: what the report should be."];
        else if (instructions is not null && reportType != ReportType.CustomReport)
            errors["instructions"] = ["Instructions apply to a custom_report only; set reportType to custom_report."];
        else if (instructions is not null && instructions.Length > limits.MaxInstructionsLength)
            errors["instructions"] = [$"The instructions have {instructions.Length} characters; at most {limits.MaxInstructionsLength} are accepted."];
        else if (instructions is not null && HasControlCharacters(instructions))
            errors["instructions"] = ["The instructions contain control characters."];

        return new WritingStyle(tone, words, language, instructions);
    }

    /// <summary>True when <paramref name="text"/> holds a control character other than a line break or a tab.</summary>
    private static bool HasControlCharacters(string text) => text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));

    /// <summary>Longest URL accepted in <c>sourceUrls</c>.</summary>
    public const int MaxSourceUrlLength = 2_048;

    /// <summary>The listed pages: each an absolute http or https URL without credentials, once each, in the order given.</summary>
    private IReadOnlyList<string> ReadSourceUrls(IReadOnlyList<string>? urls, Dictionary<string, string[]> errors)
    {
        if (urls is null) return [];
        if (urls.Count == 0 || urls.Count > limits.MaxSourceUrls)
        {
            errors["sourceUrls"] = [$"Must list 1 to {limits.MaxSourceUrls} URLs when given."];
            return [];
        }
        var accepted = new List<string>(urls.Count);
        var faults = new List<string>();
        for (var index = 0; index < urls.Count; index++)
        {
            var url = urls[index]?.Trim() ?? "";
            if (url.Length == 0 || url.Length > MaxSourceUrlLength
                || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.UserInfo.Length > 0)
                faults.Add($"sourceUrls[{index}] must be an absolute http or https URL of at most {MaxSourceUrlLength} characters, without credentials.");
            else if (!accepted.Contains(uri.AbsoluteUri, StringComparer.Ordinal))
                accepted.Add(uri.AbsoluteUri);
        }
        if (faults.Count > 0) errors["sourceUrls"] = [.. faults];
        return accepted;
    }

    private ResearchBudget ReadBudget(ResearchRequest request, Dictionary<string, string[]> errors)
    {
        long? maxTokens = request.MaxTokens ?? (limits.DefaultMaxTokens > 0 ? limits.DefaultMaxTokens : null);
        if (request.MaxTokens is { } tokens && (tokens < 1_000 || tokens > limits.MaxTokensLimit))
            errors["maxTokens"] = [$"Must be between 1000 and {limits.MaxTokensLimit}."];

        if (request.MaxCost is { } cost)
        {
            if (cost <= 0 || cost > 1_000_000)
                errors["maxCost"] = ["Must be more than 0 and at most 1000000."];
            else if (!engine.Priced)
                errors["maxCost"] = ["A cost budget needs prices for the configured models (Research:Llm:Prices); this service has none."];
        }
        return new ResearchBudget(maxTokens, request.MaxCost, limits.BudgetGatheringShare);
    }

    /// <summary>
    /// Reads a JSON body of at most <c>Research:Limits:MaxRequestBytes</c> as <typeparamref name="T"/>, or
    /// gives the problem to answer with. A body that cannot be read (the stream throws an
    /// <see cref="IOException"/>, as Kestrel does for a malformed chunked encoding) is a 400 problem;
    /// a cancellation of <paramref name="cancellationToken"/> is never turned into a problem: it throws
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    private async Task<(T? Value, Problem? Problem)> ReadJsonAsync<T>(
        Stream body, string? contentType, string what, string example, string acceptedProperties, CancellationToken cancellationToken)
        where T : class
    {
        if (!IsJson(contentType))
            return (null, Problem.UnsupportedMediaType($"Send {what} as application/json (got '{contentType ?? "no content type"}')."));

        byte[]? bytes;
        try
        {
            bytes = await ReadBoundedAsync(body, limits.MaxRequestBytes, cancellationToken);
        }
        catch (IOException)
        {
            // A malformed chunked encoding or a body cut off short is the request's fault, unless the
            // caller gave up: then the read failed because of the cancellation, which stays one.
            cancellationToken.ThrowIfCancellationRequested();
            return (null, Problem.BadRequest("The request body could not be read: it is malformed or was cut off."));
        }
        if (bytes is null)
            return (null, Problem.PayloadTooLarge($"The request body exceeds {limits.MaxRequestBytes} bytes (Research:Limits:MaxRequestBytes)."));

        try
        {
            return JsonSerializer.Deserialize<T>(bytes, ResearchJson.Options) is { } value
                ? (value, null)
                : (null, Problem.BadRequest($"The request body must be a JSON object such as {example}."));
        }
        catch (JsonException ex)
        {
            return (null, Problem.BadRequest(DescribeJsonError(ex, what, acceptedProperties)));
        }
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType)) return false;
        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Reads at most <paramref name="maxBytes"/>; null when the body is longer.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string DescribeJsonError(JsonException ex, string what, string acceptedProperties)
    {
        var where = ex.Path is { Length: > 0 } path ? $" at {path}" : "";
        var line = ex.LineNumber is { } l ? $" (line {l + 1}, byte {ex.BytePositionInLine + 1})" : "";
        var problem = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? $"contains a property this API does not know; accepted properties: {acceptedProperties}"
            : $"is not valid JSON for {what}";
        return $"The request body {problem}{where}{line}.";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\p{L}[\p{L} \-]{1,39}$")]
    private static partial System.Text.RegularExpressions.Regex LanguageName();
}
