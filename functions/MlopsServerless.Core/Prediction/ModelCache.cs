using System.Collections.Concurrent;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Prediction;

/// <summary>
/// Loaded models by (name, version). Versions are immutable, so an entry never goes stale; a promotion simply makes
/// requests resolve to another version (hot swap without a restart). Loading happens once per version even under
/// concurrent first requests.
/// </summary>
public sealed class ModelCache(ModelRegistry registry)
{
    private readonly ConcurrentDictionary<(string, int), Lazy<Task<TrainedModel>>> _models = new();

    /// <summary>The model file of <paramref name="name"/> version <paramref name="version"/>, loaded.</summary>
    /// <exception cref="MlopsException">Unavailable when the version's model file is not there (yet); InvalidArgument when it is damaged;
    /// FailedPrecondition naming the key when a file it is stored with (model.zip) is missing, replaced or unreadable.</exception>
    public Task<TrainedModel> GetAsync(string name, int version, CancellationToken cancellationToken)
    {
        var key = (name, version);
        var entry = _models.GetOrAdd(key, Create);
        if (entry.Value.IsFaulted || entry.Value.IsCanceled)
        {
            // A load that failed earlier (often after it was cached) is dropped and retried now, not handed out again.
            _models.TryRemove(KeyValuePair.Create(key, entry));
            entry = _models.GetOrAdd(key, Create);
        }

        return entry.Value;

        Lazy<Task<TrainedModel>> Create((string Name, int Version) k) => new(() => LoadAsync(k.Name, k.Version, cancellationToken));
    }

    private async Task<TrainedModel> LoadAsync(string name, int version, CancellationToken cancellationToken)
    {
        return await registry.LoadModelAsync(name, version, cancellationToken).ConfigureAwait(false)
            ?? throw MlopsException.Unavailable($"Model '{name}' version {version} has no model file yet; its registration may still be finishing.");
    }
}
