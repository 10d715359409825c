using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Tracking;
using MlopsServerless.Http.Problems;

namespace MlopsServerless.Http.Pipelines;

/// <summary>The pipeline endpoints: start a training run, follow it, list runs.</summary>
public static class PipelinesApi
{
    public static RouteGroupBuilder MapPipelinesApi(this RouteGroupBuilder api)
    {
        var pipelines = api.MapGroup("/pipelines").WithTags("Pipelines");
        pipelines.MapPost("/", StartAsync).WithMetadata(new BodyHint("{\"dataset\": \"churn\"} (optional: version, model, config)"));
        pipelines.MapGet("/", ListAsync);
        pipelines.MapGet("/{id}", GetAsync);
        pipelines.MapPost("/{id}/retry", RetryAsync);
        return api;
    }

    /// <summary>Starts a run for a dataset version (the newest when none is given): 202 with the status URL.</summary>
    public static async Task<Accepted<PipelineStarted>> StartAsync(StartPipelineRequest request, PipelineService pipelines, HttpContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Dataset))
        {
            throw MlopsException.InvalidArgument("Name the dataset to train on: {\"dataset\": \"churn\"}.");
        }

        var (run, created) = await pipelines.StartAsync(request.Dataset, request.Version, request.Model, request.Config, "api", cancellationToken).ConfigureAwait(false);
        return Started(context, run, created);
    }

    /// <summary>Retries a failed run as a new run linked to it: 202 with the new run's status URL (the same retry when asked twice).</summary>
    public static async Task<Accepted<PipelineStarted>> RetryAsync(string id, PipelineService pipelines, HttpContext context, CancellationToken cancellationToken)
    {
        var (run, created) = await pipelines.RetryAsync(id, "api:retry", cancellationToken).ConfigureAwait(false);
        return Started(context, run, created);
    }

    private static Accepted<PipelineStarted> Started(HttpContext context, PipelineRun run, bool created)
    {
        var url = $"{context.Request.PathBase}/api/pipelines/{run.Id}";
        return TypedResults.Accepted(url, new PipelineStarted(run.Id, run.Status, created, url));
    }

    public static async Task<Ok<PipelineRun>> GetAsync(string id, PipelineService pipelines, CancellationToken cancellationToken) =>
        TypedResults.Ok(await pipelines.GetAsync(id, cancellationToken).ConfigureAwait(false));

    /// <summary>Runs newest first; filter by <c>dataset</c> and <c>status</c>, page with <c>pageSize</c> and <c>pageToken</c>.</summary>
    public static async Task<Ok<RunPage>> ListAsync(
        string? dataset, string? status, int? pageSize, string? pageToken, RunStore runs, CancellationToken cancellationToken)
    {
        PipelineStatus? wanted = null;
        if (status is not null)
        {
            wanted = Enum.TryParse<PipelineStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw MlopsException.InvalidArgument($"Unknown status '{status}'. Use one of: {string.Join(", ", Enum.GetNames<PipelineStatus>())}.");
        }

        return TypedResults.Ok(await runs.ListAsync(dataset, wanted, pageSize ?? 50, pageToken, cancellationToken).ConfigureAwait(false));
    }
}
