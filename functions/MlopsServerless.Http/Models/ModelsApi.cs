using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Storage;
using MlopsServerless.Http.Problems;

namespace MlopsServerless.Http.Models;

/// <summary>The model registry and prediction endpoints.</summary>
public static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder api)
    {
        var models = api.MapGroup("/models").WithTags("Models");
        models.MapGet("/", ListModelsAsync);
        models.MapGet("/{name}", GetModelAsync);
        models.MapGet("/{name}/versions/{version:int}", GetVersionAsync);
        models.MapGet("/{name}/audit", GetAuditAsync);
        models.MapPost("/{name}/predict", PredictAsync)
            .WithMetadata(new BodyHint("one JSON object of features, e.g. {\"tenure_months\": 3, \"contract\": \"monthly\"}, or an array of them"));
        models.MapPost("/{name}/versions/{version:int}/stage", SetStageAsync)
            .WithMetadata(new BodyHint("{\"stage\": \"Production\", \"reason\": \"why\"} (stage is one of None, Staging, Production, Archived)"));
        models.MapPost("/{name}/versions/{version:int}/aliases/{alias}", SetAliasAsync).WithMetadata(new BodyHint("{\"reason\": \"why\"}"));
        models.MapPost("/{name}/rollback", RollbackAsync).WithMetadata(new BodyHint("{\"reason\": \"why\"}"));
        return api;
    }

    public static async Task<Ok<IReadOnlyList<ModelSummary>>> ListModelsAsync(ModelRegistry registry, CancellationToken cancellationToken)
    {
        var models = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<ModelSummary>>(models.Select(ModelSummary.From).ToList());
    }

    public static async Task<Ok<RegisteredModel>> GetModelAsync(string name, ModelRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registry.GetRequiredAsync(name, cancellationToken).ConfigureAwait(false));

    public static async Task<Ok<ModelVersionDetails>> GetVersionAsync(string name, int version, ModelRegistry registry, CancellationToken cancellationToken)
    {
        var head = await registry.GetRequiredHeadAsync(name, cancellationToken).ConfigureAwait(false);
        var found = await registry.FindVersionAsync(name, version, cancellationToken).ConfigureAwait(false)
            ?? throw MlopsException.NotFound($"Model '{name}' has no version {version}.");
        var card = await registry.ReadFileAsync(name, version, ModelFiles.Card, cancellationToken).ConfigureAwait(false);
        var signature = await registry.ReadFileAsync(name, version, ModelFiles.Signature, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new ModelVersionDetails(name, found, head.Aliases.Where(a => a.Value == version).Select(a => a.Key).ToList(),
            Json(signature, name, version, ModelFiles.Signature), Json(card, name, version, ModelFiles.Card)));
    }

    public static async Task<Ok<IReadOnlyList<AuditEntry>>> GetAuditAsync(string name, ModelRegistry registry, CancellationToken cancellationToken)
    {
        await registry.GetRequiredHeadAsync(name, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await registry.AuditLogAsync(name, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Predicts one JSON object of features or an array of them; <c>?version=N</c> or <c>?alias=A</c> pick a version other than Production.</summary>
    public static async Task<Ok<PredictionResponse>> PredictAsync(
        string name, int? version, string? alias, JsonElement body, PredictionService predictions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await predictions.PredictAsync(name, new ModelSelector(version, alias), body, cancellationToken).ConfigureAwait(false));

    public static async Task<Ok<StageChange>> SetStageAsync(
        string name, int version, StageChangeRequest request, ModelRegistry registry, HttpContext context, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<Stage>(request.Stage, ignoreCase: true, out var stage) || !Enum.IsDefined(stage))
        {
            throw MlopsException.InvalidArgument($"Unknown stage '{request.Stage}'. Use one of: {string.Join(", ", Enum.GetNames<Stage>())}.");
        }

        return TypedResults.Ok(await registry.SetStageAsync(name, version, stage, Actor(context, request.Actor), request.Reason ?? "", cancellationToken).ConfigureAwait(false));
    }

    public static async Task<NoContent> SetAliasAsync(
        string name, int version, string alias, ReasonRequest request, ModelRegistry registry, HttpContext context, CancellationToken cancellationToken)
    {
        await registry.SetAliasAsync(name, alias, version, Actor(context, request.Actor), request.Reason ?? "", cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<StageChange>> RollbackAsync(string name, ReasonRequest request, ModelRegistry registry, HttpContext context, CancellationToken cancellationToken) =>
        TypedResults.Ok(await registry.RollbackAsync(name, Actor(context, request.Actor), request.Reason ?? "rollback requested", cancellationToken).ConfigureAwait(false));

    private static string Actor(HttpContext context, string? given) =>
        context.User.Identity?.Name ?? (string.IsNullOrWhiteSpace(given) ? "api" : "api:" + given.Trim());

    // Stored files, not request bodies: a damaged one is FailedPrecondition naming it, never a 400.
    private static JsonElement? Json(ReadOnlyMemory<byte>? bytes, string name, int version, string file) =>
        bytes is { } b
            ? ObjectStoreJsonExtensions.ParseStored(b, StorageLayout.ModelVersionFile(name, version, file), c => JsonSerializer.Deserialize<JsonElement>(c.Span, MlopsJson.Options))
            : null;
}
