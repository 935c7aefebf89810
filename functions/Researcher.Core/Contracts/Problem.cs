namespace Researcher.Core.Contracts;

/// <summary>
/// An RFC 9457 problem description (<c>application/problem+json</c>), the body of every 4xx answer
/// in both hosts. <see cref="Errors"/> maps a request field to what is wrong with it.
/// </summary>
public sealed record Problem(
    int Status,
    string Title,
    string Detail,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public const string ContentType = "application/problem+json";

    public string Type => $"https://httpstatuses.io/{Status}";

    public static Problem BadRequest(string detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(400, "The request is not valid.", detail, errors);

    public static Problem NotFound(string detail) => new(404, "Not found.", detail);

    public static Problem Conflict(string detail) => new(409, "Conflict with the research's state.", detail);

    public static Problem PayloadTooLarge(string detail) => new(413, "The request body is too large.", detail);

    public static Problem UnsupportedMediaType(string detail) => new(415, "Unsupported media type.", detail);
}
