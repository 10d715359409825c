using System.Text.Json;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Monitoring;

/// <summary>
/// The training-data profile drift is measured against (stored as <c>models/{name}/{version}/profile.json</c>): per
/// feature, quantile bins and a bounded sample for numbers, level counts for categories, and the missing count.
/// </summary>
/// <param name="FormatVersion">Version of this document's shape; see <see cref="CurrentFormatVersion"/>.</param>
/// <param name="Rows">Rows the profile was built from.</param>
/// <param name="Bins">Quantile bins requested per numeric feature.</param>
/// <param name="SampleSize">Most values kept per numeric feature.</param>
/// <param name="Seed">Seed of the sample.</param>
/// <param name="Features">One entry per column, in the table's order.</param>
public sealed record DriftReference(int FormatVersion, long Rows, int Bins, int SampleSize, ulong Seed, IReadOnlyList<FeatureReference> Features)
{
    /// <summary>The shape this code writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>
    /// Profiles every column of <paramref name="data"/> (training features, and optionally model outputs added as a
    /// numeric column such as the positive-class probability). Memory beyond the table is bounded: at most
    /// <see cref="DriftReferenceOptions.SampleSize"/> values per numeric column plus one count per level.
    /// </summary>
    /// <param name="data">The reference rows.</param>
    /// <param name="options">Bins, sample size and seed; defaults when null.</param>
    /// <exception cref="MlopsException">InvalidArgument when an option is out of range.</exception>
    public static DriftReference Build(Table data, DriftReferenceOptions? options = null)
    {
        options ??= new DriftReferenceOptions();
        options.Validate();
        var features = new FeatureReference[data.Columns.Count];
        Parallel.For(0, features.Length, i => features[i] = FeatureProfiler.Profile(data.Columns[i], options));
        return new DriftReference(CurrentFormatVersion, data.RowCount, options.Bins, options.SampleSize, options.Seed, features);
    }

    /// <summary>Deterministic JSON: the same reference always gives the same bytes.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, DriftJson.CompactOptions);

    /// <summary>Reads a profile written by <see cref="ToJson"/>.</summary>
    /// <exception cref="MlopsException">InvalidArgument when the bytes are not a drift profile of a known version.</exception>
    public static DriftReference FromJson(ReadOnlySpan<byte> json)
    {
        DriftReference? reference;
        try
        {
            reference = JsonSerializer.Deserialize<DriftReference>(json, DriftJson.CompactOptions);
        }
        catch (JsonException e)
        {
            throw MlopsException.InvalidArgument($"The drift profile is not valid JSON: {e.Message}");
        }

        if (reference is null || reference.Features is null)
        {
            throw MlopsException.InvalidArgument("The drift profile is empty.");
        }

        if (reference.FormatVersion != CurrentFormatVersion)
        {
            throw MlopsException.InvalidArgument(
                $"The drift profile has format version {reference.FormatVersion}; this version reads {CurrentFormatVersion}. Rebuild the profile.");
        }

        return reference;
    }

    /// <summary>The feature called <paramref name="name"/>, or null.</summary>
    public FeatureReference? Find(string name) => Features.FirstOrDefault(f => f.Name == name);
}
