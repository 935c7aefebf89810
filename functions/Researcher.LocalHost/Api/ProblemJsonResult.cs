using Researcher.Core.Contracts;

namespace Researcher.LocalHost.Api;

/// <summary>
/// An error answer: Core's <see cref="Problem"/> as <c>application/problem+json</c>, serialized with
/// the contract's JSON options, with the problem's status as the HTTP status.
/// </summary>
public sealed class ProblemJsonResult(Problem problem)
    : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<Problem>, IContentTypeHttpResult
{
    public Problem Value => problem;

    object? IValueHttpResult.Value => problem;

    public int? StatusCode => problem.Status;

    public string ContentType => Problem.ContentType;

    public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, problem);

    /// <summary>Writes <paramref name="problem"/> as the response; used by endpoints and by the error middleware alike.</summary>
    public static Task WriteAsync(HttpContext httpContext, Problem problem)
    {
        httpContext.Response.StatusCode = problem.Status;
        return httpContext.Response.WriteAsJsonAsync(problem, ResearchJson.Options, Problem.ContentType, httpContext.RequestAborted);
    }
}
