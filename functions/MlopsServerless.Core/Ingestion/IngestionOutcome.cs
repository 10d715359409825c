using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Ingestion;

/// <summary>
/// What happened to an upload: a dataset version (new or the existing one for the same bytes), quarantine, or left in
/// place for a later pass (<see cref="Deferred"/>: it changed while it was read, or another process is working on it).
/// </summary>
public sealed record IngestionOutcome(DatasetManifest? Version, bool Reused, QuarantineReport? Rejection)
{
    /// <summary>Why the upload was left where it is, when it was; null when it has an outcome.</summary>
    public string? Deferred { get; init; }

    public bool Accepted => Version is not null;

    public static IngestionOutcome Versioned(DatasetManifest manifest, bool reused) => new(manifest, reused, null);

    public static IngestionOutcome Quarantined(QuarantineReport report) => new(null, false, report);

    public static IngestionOutcome Left(string reason) => new(null, false, null) { Deferred = reason };
}
