using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Training;

/// <summary>A fitted model together with its fitted featurization. Save and load it with <c>ModelFormat</c>.</summary>
public abstract class TrainedModel
{
    /// <summary>The algorithm that produced this model.</summary>
    public abstract string Algorithm { get; }

    /// <summary>Inputs, label, task and classes.</summary>
    public abstract ModelSignature Signature { get; }

    /// <summary>The hyperparameters the model was trained with, as given plus defaults filled in.</summary>
    public abstract IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>
    /// Predicts every row of <paramref name="features"/>, which holds (at least) the signature's input columns.
    /// Categorical values are matched by their text, so the table's level order need not match training; an unseen
    /// level goes to the unknown bucket and a missing value is imputed, never an error.
    /// </summary>
    public abstract Predictions Predict(Table features);

    /// <summary>
    /// The fitted state (weights, trees, featurizer) as a plain serializable object. <see cref="ModelFormat"/> writes it as
    /// the file's <c>body</c>; the algorithm's reader in <see cref="TrainerCatalog"/> turns it back into a model.
    /// </summary>
    public abstract object Body { get; }

    /// <summary>
    /// Files the model is stored with next to its <c>model.json</c>, by extension (for example "zip" for an ML.NET model,
    /// stored as <c>model.zip</c>). <see cref="ModelFormat"/> records their hashes in the envelope; the algorithm's reader
    /// gets them back in <see cref="ModelEnvelope.AttachedFiles"/>. Empty for models that live in the JSON alone.
    /// </summary>
    public virtual IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Attachments { get; } = new Dictionary<string, ReadOnlyMemory<byte>>();
}
