using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Monitoring;

/// <summary>Compares current data with a training-data profile and decides, per feature and overall, whether it drifted.</summary>
public static class DriftAnalyzer
{
    /// <summary>
    /// Compares every reference feature present in <paramref name="current"/> (except the policy's excluded columns).
    /// Features missing from the current data and current columns unknown to the reference are listed, not compared.
    /// A current column whose values cannot be read as the reference's kind is reported drifted with
    /// <see cref="DriftStatistic.KindChanged"/>.
    /// </summary>
    /// <exception cref="MlopsException">InvalidArgument when the policy is inconsistent.</exception>
    public static DriftReport Compare(DriftReference reference, Table current, DriftPolicy policy)
    {
        policy.Validate();
        var compared = reference.Features.Where(f => !policy.ExcludedColumns.Contains(f.Name) && current.Contains(f.Name)).ToList();
        var missing = reference.Features.Where(f => !policy.ExcludedColumns.Contains(f.Name) && !current.Contains(f.Name))
            .Select(f => f.Name).ToList();
        var unexpected = current.Columns.Select(c => c.Name)
            .Where(n => !policy.ExcludedColumns.Contains(n) && reference.Find(n) is null).ToList();

        var features = new FeatureDrift[compared.Count];
        Parallel.For(0, features.Length, i => features[i] = FeatureComparer.Compare(compared[i], current[compared[i].Name], policy));

        var judged = features.Count(f => f.Verdict != DriftVerdict.NotEnoughData);
        var drifted = features.Count(f => f.Verdict == DriftVerdict.Drifted);
        var share = judged == 0 ? 0 : (double)drifted / judged;
        var importantDrifted = features.Any(f => f.Verdict == DriftVerdict.Drifted && policy.ImportantFeatures.Contains(f.Name));
        var verdict = judged == 0 ? DriftVerdict.NotEnoughData
            : share >= policy.DriftShareThreshold || importantDrifted ? DriftVerdict.Drifted
            : features.Any(f => f.Verdict is DriftVerdict.Drifted or DriftVerdict.Warning) ? DriftVerdict.Warning
            : DriftVerdict.NoDrift;
        return new DriftReport(null, null, reference.Rows, current.RowCount, features, missing, unexpected, drifted, share, verdict);
    }

    /// <summary>
    /// Compares two CSV files: loads both at once (kinds inferred per file, see <see cref="DriftCsvLoader"/>), builds the
    /// reference with <see cref="DriftPolicy.ReferenceOptions"/>, then <see cref="Compare"/>s. A stream may be read twice,
    /// so one that cannot seek is first copied into memory.
    /// </summary>
    /// <exception cref="MlopsException">InvalidArgument when a file is not a readable CSV.</exception>
    public static async Task<DriftReport> CompareCsvAsync(Stream reference, Stream current, DriftPolicy policy, CancellationToken cancellationToken)
    {
        // The two files are independent: read them at once.
        var referenceLoad = Task.Run(() => DriftCsvLoader.LoadAsync(reference, "reference", cancellationToken), cancellationToken);
        var currentLoad = Task.Run(() => DriftCsvLoader.LoadAsync(current, "current", cancellationToken), cancellationToken);
        await Task.WhenAll(referenceLoad, currentLoad).ConfigureAwait(false);
        return Compare(DriftReference.Build(await referenceLoad.ConfigureAwait(false), policy.ReferenceOptions), await currentLoad.ConfigureAwait(false), policy);
    }
}
