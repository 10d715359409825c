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
    /// <exception cref="MlopsException">Unavailable when the version's model file is not there (yet); InvalidArgument when it is damaged.</exception>
    public Task<TrainedModel> GetAsync(string name, int version, CancellationToken cancellationToken)
    {
        var entry = _models.GetOrAdd((name, version), key => new Lazy<Task<TrainedModel>>(() => LoadAsync(key.Item1, key.Item2, cancellationToken)));
        var task = entry.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            _models.TryRemove(new KeyValuePair<(string, int), Lazy<Task<TrainedModel>>>((name, version), entry));
        }

        return task;
    }

    private async Task<TrainedModel> LoadAsync(string name, int version, CancellationToken cancellationToken)
    {
        var bytes = await registry.ReadFileAsync(name, version, ModelFiles.Model, cancellationToken).ConfigureAwait(false)
            ?? throw MlopsException.Unavailable($"Model '{name}' version {version} has no model file yet; its registration may still be finishing.");
        return ModelFormat.Deserialize(bytes.Span);
    }
}
