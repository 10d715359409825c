namespace MlopsServerless.Core.Registry;

/// <summary>The files of a model version under <c>models/{name}/{version}/</c>.</summary>
public static class ModelFiles
{
    /// <summary>The model itself (ModelFormat envelope).</summary>
    public const string Model = "model.json";
    /// <summary>Inputs, label, task, classes.</summary>
    public const string Signature = "signature.json";
    /// <summary>Test metrics of the version and of the champion it was compared with.</summary>
    public const string Metrics = "metrics.json";
    /// <summary>The model card: data, params, metrics, intended use, limits.</summary>
    public const string Card = "card.json";
    /// <summary>The training-data profile drift is measured against.</summary>
    public const string Profile = "profile.json";
}
