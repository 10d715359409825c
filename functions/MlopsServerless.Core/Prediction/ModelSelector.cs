using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Registry;

namespace MlopsServerless.Core.Prediction;

/// <summary>Which version of a model answers: Production by default, or an explicit version number or alias.</summary>
public sealed record ModelSelector(int? Version = null, string? Alias = null)
{
    /// <summary>Production.</summary>
    public static ModelSelector Production { get; } = new();

    /// <summary>The version this selector names in <paramref name="model"/>.</summary>
    /// <exception cref="MlopsException">NotFound for an unknown version or alias; FailedPrecondition when nothing is in Production.</exception>
    public ModelVersion Resolve(RegisteredModel model)
    {
        if (Version is { } number)
        {
            return model.Find(number) ?? throw MlopsException.NotFound($"Model '{model.Name}' has no version {number}.");
        }

        if (Alias is { } alias)
        {
            return model.Aliases.TryGetValue(alias, out var aliased) && model.Find(aliased) is { } found
                ? found
                : throw MlopsException.NotFound($"Model '{model.Name}' has no alias '{alias}'. Aliases: {string.Join(", ", model.Aliases.Keys)}.");
        }

        return model.Production ?? throw MlopsException.FailedPrecondition(
            $"Model '{model.Name}' has no version in Production. Promote one (POST /api/models/{model.Name}/versions/{{version}}/stage) or ask for ?version=N.");
    }
}
