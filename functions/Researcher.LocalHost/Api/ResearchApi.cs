using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Storage;
using Researcher.Core.Workflow;
using Researcher.LocalHost.Execution;
using Researcher.LocalHost.State;

namespace Researcher.LocalHost.Api;

/// <summary>The research HTTP contract (ARCHITECTURE.md, "One HTTP contract"); every error answer is a <see cref="Problem"/>.</summary>
public static class ResearchApi
{
    public static IEndpointRouteBuilder MapResearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/research");
        api.MapPost("", StartResearchAsync);
        api.MapGet("/{id}", GetStatusAsync);
        api.MapGet("/{id}/events", GetEventsAsync);
        api.MapGet("/{id}/report", GetReportAsync);
        api.MapPost("/{id}/cancel", CancelResearchAsync);
        return app;
    }

    public static async Task<Results<Accepted<ResearchAccepted>, ProblemJsonResult>> StartResearchAsync(
        HttpContext context, ResearchRequestReader reader, IResearchStore store, ResearchExecutor executor,
        IOptions<ResearchApiOptions> options, CancellationToken cancellationToken)
    {
        var read = await reader.ReadAsync(context.Request.Body, context.Request.ContentType, cancellationToken);
        if (read.Spec is not { } spec) return new ProblemJsonResult(read.Problem!);

        var researchId = ResearchIds.New();
        await store.CreateAsync(researchId, spec, cancellationToken);
        if (!executor.TryEnqueue(new ResearchInput(researchId, spec)))
        {
            await store.DeleteAsync(researchId, cancellationToken);
            context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return new ProblemJsonResult(new Problem(StatusCodes.Status503ServiceUnavailable, "Too many researches are waiting.",
                "The research queue is full (Research:Execution:QueueCapacity); try again shortly."));
        }

        var links = ResearchLinks.For(researchId);
        return TypedResults.Accepted(links.Status, new ResearchAccepted(researchId, ResearchRuntimeStatus.Pending, links));
    }

    public static async Task<Results<Ok<ResearchStatusResponse>, ProblemJsonResult>> GetStatusAsync(
        string id, IResearchStore store, CancellationToken cancellationToken)
    {
        var (research, problem) = await FindAsync(id, store, cancellationToken);
        return research is null ? problem! : TypedResults.Ok(research.ToStatusResponse());
    }

    public static async Task<Results<Ok<ResearchEventsResponse>, ProblemJsonResult>> GetEventsAsync(
        string id, [FromQuery] string? after, [FromQuery] string? limit,
        IResearchStore store, IEventLog eventLog, IOptions<ResearchApiOptions> options, CancellationToken cancellationToken)
    {
        var (page, invalid) = ResearchApiRules.ReadEventsPage(after, limit, options.Value.MaxEventsPerPage);
        if (page is null) return new ProblemJsonResult(invalid!);

        var (research, problem) = await FindAsync(id, store, cancellationToken);
        if (research is null) return problem!;

        var events = await eventLog.ReadAsync(id, page.After, page.Count, cancellationToken);
        var lastSequence = events.Count > 0 ? events[^1].Sequence : page.After;
        return TypedResults.Ok(new ResearchEventsResponse(id, events, lastSequence));
    }

    public static async Task<Results<ContentHttpResult, Accepted<ResearchStatusResponse>, ProblemJsonResult>> GetReportAsync(
        string id, HttpContext context, IResearchStore store, IContentStore contentStore,
        IOptions<ResearchApiOptions> options, CancellationToken cancellationToken)
    {
        var (research, problem) = await FindAsync(id, store, cancellationToken);
        if (research is null) return problem!;

        switch (research.Status)
        {
            case ResearchRuntimeStatus.Completed:
                var name = research.ReportContentName ?? ContentNames.Report(id);
                var markdown = await contentStore.GetTextAsync(name, cancellationToken)
                    ?? throw new InvalidOperationException($"Research {id} is completed but its report '{name}' is missing.");
                return TypedResults.Text(markdown, "text/markdown; charset=utf-8");
            case ResearchRuntimeStatus.Failed or ResearchRuntimeStatus.Cancelled:
                return new ProblemJsonResult(ResearchApiRules.NoReport(research.Status, research.Failure));
            default:
                context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return TypedResults.Accepted(research.ToStatusResponse().Links.Status, research.ToStatusResponse());
        }
    }

    public static async Task<Results<Accepted<ResearchStatusResponse>, ProblemJsonResult>> CancelResearchAsync(
        string id, IResearchStore store, ResearchExecutor executor, CancellationToken cancellationToken)
    {
        var (research, problem) = await FindAsync(id, store, cancellationToken);
        if (research is null) return problem!;
        if (research.Status.IsFinal())
            return new ProblemJsonResult(ResearchApiRules.AlreadyEnded(research.Status));

        await executor.CancelAsync(id, cancellationToken);
        var current = await store.GetAsync(id, cancellationToken) ?? research;
        return TypedResults.Accepted(current.ToStatusResponse().Links.Status, current.ToStatusResponse());
    }

    /// <summary>The research with that id, or the problem to answer with: 400 for a malformed id, 404 for an unknown one.</summary>
    private static async Task<(ResearchRecord? Research, ProblemJsonResult? Problem)> FindAsync(
        string id, IResearchStore store, CancellationToken cancellationToken)
    {
        if (ResearchApiRules.MalformedId(id) is { } malformed) return (null, new ProblemJsonResult(malformed));
        var research = await store.GetAsync(id, cancellationToken);
        return research is null
            ? (null, new ProblemJsonResult(ResearchApiRules.UnknownId(id)))
            : (research, null);
    }
}
