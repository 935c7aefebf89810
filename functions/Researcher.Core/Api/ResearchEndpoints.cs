using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Researcher.Core.Contracts;
using Researcher.Core.Progress;
using Researcher.Core.Storage;
using Researcher.Core.Workflow;

namespace Researcher.Core.Api;

/// <summary>
/// The research HTTP contract (README, "Using the API"), written once for both hosts: each host maps
/// its routes to these methods, passing the research directory of its engine client (Azure
/// Functions binds one per invocation), and sends the <see cref="ApiAnswer"/> back. Every refusal is a
/// problem: 400 malformed input, 401 no verified identity where one is configured, 404 unknown
/// research (or one the caller may not see: the two look alike, so existence does not leak), 409 a
/// state that does not allow it, and 503 with Retry-After while storage is unreachable (nothing
/// stored is lost; the client tries again). Every read, subscription and cancellation passes the
/// same visibility check (<see cref="Caller.MaySee"/>).
/// </summary>
public sealed class ResearchEndpoints(
    ResearchRequestReader requestReader,
    IEventLog eventLog,
    IContentStore contentStore,
    IOptions<ResearchApiOptions> options,
    ILogger<ResearchEndpoints> logger)
{
    private ResearchApiOptions Settings => options.Value;

    /// <summary><c>POST /api/research</c>: 202 with the new research's id and links.</summary>
    public Task<ApiAnswer> StartAsync(IResearchDirectory directory, Caller caller, Stream body, string? contentType, CancellationToken cancellationToken) => AnswerAsync(async () =>
    {
        if (SignInRequired(caller) is { } refused) return refused;
        var read = await requestReader.ReadAsync(body, contentType, cancellationToken);
        if (read.Spec is not { } spec) return ApiAnswer.Problem(read.Problem!);

        var researchId = ResearchIds.New();
        await directory.StartAsync(new ResearchInput(researchId, spec, caller.UserId), cancellationToken);
        var links = ResearchLinks.For(researchId);
        return ApiAnswer.Accepted(links.Status, new ResearchAccepted(researchId, ResearchRuntimeStatus.Pending, links));
    });

    /// <summary><c>GET /api/research/{id}</c>: the research's status.</summary>
    public Task<ApiAnswer> GetStatusAsync(IResearchDirectory directory, Caller caller, string id, CancellationToken cancellationToken) => AnswerAsync(async () =>
    {
        var (research, problem) = await FindAsync(directory, caller, id, cancellationToken);
        return research is null ? problem! : ApiAnswer.Ok(research.ToStatusResponse());
    });

    /// <summary><c>GET /api/research/{id}/events?after=N&amp;limit=M</c>: the events after N, in order.</summary>
    public Task<ApiAnswer> GetEventsAsync(IResearchDirectory directory, Caller caller, string id, string? after, string? limit, CancellationToken cancellationToken) => AnswerAsync(async () =>
    {
        var (page, invalid) = ResearchApiRules.ReadEventsPage(after, limit, Settings.MaxEventsPerPage);
        if (page is null) return ApiAnswer.Problem(invalid!);

        var (research, problem) = await FindAsync(directory, caller, id, cancellationToken);
        if (research is null) return problem!;

        var events = await eventLog.ReadAsync(id, page.After, page.Count, cancellationToken);
        var lastSequence = events.Count > 0 ? events[^1].Sequence : page.After;
        return ApiAnswer.Ok(new ResearchEventsResponse(id, events, lastSequence));
    });

    /// <summary><c>GET /api/research/{id}/report</c>: the Markdown report once completed; 202 while it runs; 409 when it ended without one.</summary>
    public Task<ApiAnswer> GetReportAsync(IResearchDirectory directory, Caller caller, string id, CancellationToken cancellationToken) => AnswerAsync(async () =>
    {
        var (research, problem) = await FindAsync(directory, caller, id, cancellationToken);
        if (research is null) return problem!;

        var status = research.ToStatusResponse();
        switch (research.Status)
        {
            case ResearchRuntimeStatus.Completed:
                var name = research.Outcome?.Report?.ContentName ?? ContentNames.Report(id);
                var markdown = await contentStore.GetTextAsync(name, cancellationToken)
                    ?? throw new MissingContentException(name);
                return ApiAnswer.Markdown(markdown);
            case ResearchRuntimeStatus.Failed or ResearchRuntimeStatus.Cancelled:
                return ApiAnswer.Problem(ResearchApiRules.NoReport(research.Status, research.Failure));
            default:
                return ApiAnswer.Accepted(status.Links.Status, status, Settings.RetryAfterSeconds);
        }
    });

    /// <summary><c>POST /api/research/{id}/cancel</c>: 202 while the research stops at its next step; 409 when it has already ended.</summary>
    public Task<ApiAnswer> CancelAsync(IResearchDirectory directory, Caller caller, string id, CancellationToken cancellationToken) => AnswerAsync(async () =>
    {
        var (research, problem) = await FindAsync(directory, caller, id, cancellationToken);
        if (research is null) return problem!;
        if (research.Status.IsFinal())
            return ApiAnswer.Problem(ResearchApiRules.AlreadyEnded(research.Status));

        await directory.RequestCancelAsync(id, cancellationToken);
        var status = research.ToStatusResponse();
        return ApiAnswer.Accepted(status.Links.Status, status);
    });

    /// <summary>
    /// <c>POST /api/research/{id}/subscribe</c> with <c>{"connectionId": "..."}</c>: 200 when the caller may
    /// see the research, with the subscription the host then makes (it adds the connection to the
    /// research's SignalR group); a refusal is a problem and no subscription. Subscribing to a research
    /// that has ended is allowed: its final event stays in the log, and nothing more is sent.
    /// </summary>
    public async Task<(ApiAnswer Answer, ProgressSubscription? Subscription)> SubscribeAsync(
        IResearchDirectory directory, Caller caller, string id, Stream body, string? contentType, CancellationToken cancellationToken)
    {
        ProgressSubscription? subscription = null;
        var answer = await AnswerAsync(async () =>
        {
            var (research, problem) = await FindAsync(directory, caller, id, cancellationToken);
            if (research is null) return problem!;
            var (request, invalid) = await requestReader.ReadSubscribeAsync(body, contentType, cancellationToken);
            if (request is null) return ApiAnswer.Problem(invalid!);

            subscription = new ProgressSubscription(request.ConnectionId!, LiveProgress.GroupOf(id));
            return ApiAnswer.Ok(new SubscribeResponse(id, request.ConnectionId!, research.Status, ResearchLinks.For(id)));
        });
        return (answer, subscription);
    }

    /// <summary>401 for a caller without a verified identity where one is configured (negotiate asks this too); null for anyone else.</summary>
    public static ApiAnswer? SignInRequired(Caller caller) =>
        caller.IsAuthenticated ? null : ApiAnswer.Problem(ResearchApiRules.SignInRequired());

    /// <summary>
    /// The research with that id, or the problem to answer with: 401 without a verified identity where one is
    /// configured, 400 for a malformed id, 404 for an unknown one or one the caller may not see.
    /// </summary>
    private static async Task<(ResearchInstance? Research, ApiAnswer? Problem)> FindAsync(
        IResearchDirectory directory, Caller caller, string id, CancellationToken cancellationToken)
    {
        if (SignInRequired(caller) is { } refused) return (null, refused);
        if (ResearchApiRules.MalformedId(id) is { } malformed) return (null, ApiAnswer.Problem(malformed));
        var research = await directory.FindAsync(id, cancellationToken);
        return research is null || !caller.MaySee(research.Owner)
            ? (null, ApiAnswer.Problem(ResearchApiRules.UnknownId(id)))
            : (research, null);
    }

    /// <summary>Runs a handler; storage that cannot be reached becomes a 503 with Retry-After (logged, never echoed).</summary>
    private async Task<ApiAnswer> AnswerAsync(Func<Task<ApiAnswer>> handler)
    {
        try
        {
            return await handler();
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            logger.LogWarning(ex, "Storage is unavailable; answering 503.");
            return ApiAnswer.Problem(ResearchApiRules.StorageUnavailable(), Settings.RetryAfterSeconds);
        }
    }
}
