namespace MlopsServerless.Cli.Commands;

/// <summary>How long <c>mlops ingest</c> took: copying the file into <c>incoming/</c>, then ingesting it (hash, parse,
/// profile, validate, write the version); MB are 10^6 bytes.</summary>
internal sealed record IngestTiming(long SizeBytes, double UploadSeconds, double IngestSeconds)
{
    public double IngestMegabytesPerSecond => IngestSeconds > 0 ? SizeBytes / 1e6 / IngestSeconds : 0;
}
