namespace MlopsServerless.Core.Monitoring;

/// <summary>How a <see cref="DriftReference"/> is built.</summary>
public sealed record DriftReferenceOptions
{
    /// <summary>Quantile bins per numeric feature before equal edges are merged.</summary>
    /// <value>Defaults to 10.</value>
    public int Bins { get; init; } = 10;

    /// <summary>
    /// Most non-missing values kept per numeric feature for KS and Wasserstein. Up to this many the sample is every value
    /// (so the tests are exact); above it, a uniform sample drawn by reservoir sampling with a SplitMix64 generator
    /// seeded from <see cref="Seed"/> and the column name, so the same data always gives the same sample. Bin edges come
    /// from the sample; bin counts always cover every row.
    /// </summary>
    /// <value>Defaults to 10,000.</value>
    public int SampleSize { get; init; } = 10_000;

    /// <summary>Seed for the sample.</summary>
    /// <value>Defaults to 42.</value>
    public ulong Seed { get; init; } = 42;

    internal void Validate()
    {
        if (Bins is < 1 or > 1000)
        {
            throw Errors.MlopsException.InvalidArgument($"Bins must be between 1 and 1000, not {Bins}.");
        }

        if (SampleSize < 1)
        {
            throw Errors.MlopsException.InvalidArgument($"SampleSize must be at least 1, not {SampleSize}.");
        }
    }
}
