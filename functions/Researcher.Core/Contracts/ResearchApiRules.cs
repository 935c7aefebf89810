using System.Globalization;

namespace Researcher.Core.Contracts;

/// <summary>A page of a research's event log a client asked for: the events after <see cref="After"/>, at most <see cref="Count"/> of them.</summary>
public sealed record EventsPage(long After, int Count);

/// <summary>
/// The rules of the research HTTP contract that do not depend on the host: which ids and event
/// queries are well formed, and the problem each refusal answers with. Both hosts answer alike
/// because both call these.
/// </summary>
public static class ResearchApiRules
{
    private const int MaxQuotedCharacters = 64;

    /// <summary>400 when <paramref name="id"/> is not a research id (it is quoted, cut to a readable length); null when it is.</summary>
    public static Problem? MalformedId(string id) => ResearchIds.IsWellFormed(id)
        ? null
        : Problem.BadRequest($"'{Quote(id)}' is not a research id; ids are {ResearchIds.Length} lowercase hexadecimal digits.");

    /// <summary>404 for a well-formed id that names no research.</summary>
    public static Problem UnknownId(string id) => Problem.NotFound($"No research has the id {id}.");

    /// <summary>
    /// Reads <c>?after=N&amp;limit=M</c>: after defaults to 0, limit to <paramref name="maxEvents"/>, and
    /// a larger limit is capped to it. Gives the page, or the 400 naming the parameter that is wrong.
    /// </summary>
    public static (EventsPage? Page, Problem? Problem) ReadEventsPage(string? after, string? limit, int maxEvents)
    {
        if (!TryParseQuery(after, 0, out var afterSequence))
            return (null, Problem.BadRequest($"'after' must be a sequence number of 0 or more (got '{Quote(after!)}').",
                new Dictionary<string, string[]> { ["after"] = ["Must be an integer of 0 or more."] }));
        if (!TryParseQuery(limit, maxEvents, out var requestedCount) || requestedCount < 1)
            return (null, Problem.BadRequest($"'limit' must be a positive number of events (got '{Quote(limit!)}').",
                new Dictionary<string, string[]> { ["limit"] = [$"Must be an integer from 1; at most {maxEvents} are returned."] }));
        return (new EventsPage(afterSequence, (int)Math.Min(requestedCount, maxEvents)), null);
    }

    /// <summary>409 for the report of a research that failed or was cancelled, with its failure when it has one.</summary>
    public static Problem NoReport(ResearchRuntimeStatus status, string? failure) => Problem.Conflict(
        $"The research is {Describe(status)} and has no report." + (failure is { } reason ? $" {reason}" : ""));

    /// <summary>409 for cancelling a research that has already ended.</summary>
    public static Problem AlreadyEnded(ResearchRuntimeStatus status) => Problem.Conflict(
        $"The research is already {Describe(status)}; only a pending or running research can be cancelled.");

    /// <summary>401 for a request without a verified identity where one is configured; the host adds WWW-Authenticate.</summary>
    public static Problem SignInRequired() => new(401, "Sign-in required.",
        "This service only answers signed-in users: send the request with your identity (a bearer token, or through the app's sign-in).");

    /// <summary>503 while the research's storage cannot be reached; the host adds Retry-After.</summary>
    public static Problem StorageUnavailable() => new(503, "Storage is unavailable.",
        "The research storage cannot be reached right now; nothing stored was lost. Try again shortly.");

    private static bool TryParseQuery(string? value, long whenAbsent, out long number)
    {
        number = whenAbsent;
        return value is null || long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    private static string Describe(ResearchRuntimeStatus status) => status.ToString().ToLowerInvariant();

    private static string Quote(string value) => value.Length <= MaxQuotedCharacters ? value : value[..MaxQuotedCharacters] + "…";
}
