using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Researcher.Core.Api;
using Researcher.Core.Contracts;

namespace Researcher.LocalHost.Api;

/// <summary>
/// Makes every error a JSON problem: unknown routes (404), wrong methods (405), other body-less
/// error statuses, and unhandled exceptions (500 with a generic detail; the exception is logged by
/// the exception handler middleware, never sent).
/// </summary>
public static class ProblemResponses
{
    public static IApplicationBuilder UseProblemResponses(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context => WriteAsync(context, new Problem(
                StatusCodes.Status500InternalServerError,
                "An unexpected error occurred.",
                "The server could not complete the request. The error has been logged.")),
        });
        app.UseStatusCodePages(context => WriteAsync(context.HttpContext, ForStatus(context.HttpContext)));
        return app;
    }

    private static Task WriteAsync(HttpContext context, Problem problem) => new ApiAnswerResult(ApiAnswer.Problem(problem)).ExecuteAsync(context);

    private static Problem ForStatus(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var target = $"{context.Request.Method} {context.Request.Path}";
        return status switch
        {
            StatusCodes.Status404NotFound => Problem.NotFound($"Nothing is served at {context.Request.Path}. The API lives under /api/research."),
            StatusCodes.Status405MethodNotAllowed => new Problem(status, "Method not allowed.",
                $"{target} is not supported; allowed: {context.Response.Headers.Allow}."),
            _ => new Problem(status, ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "The request failed.",
                $"{target} could not be served."),
        };
    }
}
