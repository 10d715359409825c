namespace MlopsServerless.Core.Monitoring;

/// <summary>Timings of one <see cref="DriftBenchmarks.Run"/>.</summary>
/// <param name="Rows">Rows in the reference and in the current table.</param>
/// <param name="Features">Features (three numeric to one categorical).</param>
/// <param name="ProfileMilliseconds">Building the <see cref="DriftReference"/> from the reference table.</param>
/// <param name="CompareMilliseconds">The drift check: <see cref="DriftAnalyzer.Compare"/> of the current table (best of the repeats).</param>
/// <param name="CompareCpuMilliseconds">Processor time of the process (all threads) during that fastest comparison: on a shared machine it shows the work apart from waiting for a core.</param>
/// <param name="DriftedFeatures">Features the check found drifted (half of them are shifted on purpose).</param>
public sealed record DriftBenchmarkResult(int Rows, int Features, double ProfileMilliseconds, double CompareMilliseconds, double CompareCpuMilliseconds, int DriftedFeatures);
