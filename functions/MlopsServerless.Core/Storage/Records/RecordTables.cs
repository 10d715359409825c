namespace MlopsServerless.Core.Storage.Records;

/// <summary>
/// The tables Core keeps records in, and what each holds. A store may put a prefix in front of these names (Azure
/// Tables has one namespace per account); the names here are what Core passes.
/// </summary>
public static class RecordTables
{
    /// <summary>Per model (partition = model name): the model's head record, its versions and its audit entries.</summary>
    public const string Models = "models";

    /// <summary>Pipeline runs: one record per run and an index ordered by creation time.</summary>
    public const string Runs = "runs";

    /// <summary>Per dataset (partition = stored name): version and quarantine indexes; partition <c>_datasets</c> lists datasets.</summary>
    public const string Datasets = "datasets";

    /// <summary>Per model: the retraining cooldown claim and the retraining decisions.</summary>
    public const string Monitoring = "monitoring";

    /// <summary>Leases on uploads and runs.</summary>
    public const string Leases = "leases";

    /// <summary>Per model: one record per logged prediction id, so feedback finds its prediction in one lookup.</summary>
    public const string Predictions = "predictions";

    /// <summary>Bookkeeping of the store itself, such as which one-time imports have finished.</summary>
    public const string Meta = "meta";

    /// <summary>
    /// True for a table that only speeds up finding what is kept elsewhere, so losing its latest writes to a power cut
    /// loses nothing: <see cref="Predictions"/> (an id missing from it is still found in the prediction log, itself appended
    /// without a flush to disk). A store may write such a table without waiting for the disk on every commit.
    /// </summary>
    public static bool IsIndexOnly(string table) => table == Predictions;
}
