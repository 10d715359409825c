using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Ingestion;

namespace MlopsServerless.Cli.Commands;

/// <summary>What <c>mlops ingest --json</c> prints: the version (or the rejection) and how long it took.</summary>
internal sealed record IngestResult(DatasetManifest? Version, bool Reused, QuarantineReport? Rejection, IngestTiming Timing);
