using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Registry;

namespace MlopsServerless.Core.Prediction;

/// <summary>Which version of a model answers: Production by default, or an explicit version number or alias.</summary>
public sealed record ModelSelector(int? Version = null, string? Alias = null)
{
    /// <summary>Production.</summary>
    public static ModelSelector Production { get; } = new();

    /// <summary>
    /// The version this selector names in model <paramref name="name"/>, read as the model's head and one version, so
    /// the cost does not grow with the number of versions.
    /// </summary>
    /// <exception cref="MlopsException">NotFound for an unknown model, version or alias; FailedPrecondition when nothing is in Production.</exception>
    public async Task<ModelVersion> ResolveAsync(ModelRegistry registry, string name, CancellationToken cancellationToken)
    {
        var head = await registry.GetRequiredHeadAsync(name, cancellationToken).ConfigureAwait(false);
        var number = Number(name, head.Aliases, head.ProductionVersion);
        return await registry.FindVersionAsync(name, number, cancellationToken).ConfigureAwait(false) ?? throw NoVersion(name, number);
    }

    private int Number(string name, IReadOnlyDictionary<string, int> aliases, int? production)
    {
        if (Version is { } number)
        {
            return number;
        }

        if (Alias is { } alias)
        {
            return aliases.TryGetValue(alias, out var aliased)
                ? aliased
                : throw MlopsException.NotFound($"Model '{name}' has no alias '{alias}'. Aliases: {string.Join(", ", aliases.Keys)}.");
        }

        return production ?? throw MlopsException.FailedPrecondition(
            $"Model '{name}' has no version in Production. Promote one (POST /api/models/{name}/versions/{{version}}/stage) or ask for ?version=N.");
    }

    private static MlopsException NoVersion(string name, int number) => MlopsException.NotFound($"Model '{name}' has no version {number}.");
}
