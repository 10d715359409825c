using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Ingestion;

/// <summary>What happened to an upload: a dataset version (new or the existing one for the same bytes), or quarantine.</summary>
public sealed record IngestionOutcome(DatasetManifest? Version, bool Reused, QuarantineReport? Rejection)
{
    public bool Accepted => Version is not null;

    public static IngestionOutcome Versioned(DatasetManifest manifest, bool reused) => new(manifest, reused, null);

    public static IngestionOutcome Quarantined(QuarantineReport report) => new(null, false, report);
}
