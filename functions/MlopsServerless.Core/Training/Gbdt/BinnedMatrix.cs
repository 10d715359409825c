using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>Every input of a table as one byte per row and feature, column-major (feature f's rows are contiguous).</summary>
internal sealed class BinnedMatrix
{
    private BinnedMatrix(int rows, int features, byte[] data)
    {
        Rows = rows;
        Features = features;
        Data = data;
    }

    public int Rows { get; }

    public int Features { get; }

    public byte[] Data { get; }

    public int Bin(int feature, int row) => Data[(feature * Rows) + row];

    /// <summary>Bins the columns of <paramref name="table"/> named by <paramref name="features"/>.</summary>
    /// <exception cref="MlopsException">NotFound for a missing column; InvalidArgument for a column of the wrong kind.</exception>
    public static BinnedMatrix Build(Table table, IReadOnlyList<GbdtFeature> features, int threads)
    {
        var rows = table.RowCount;
        var data = new byte[(long)rows * features.Count];
        var columns = features.Select(f => table[f.Name]).ToArray();
        for (var f = 0; f < features.Count; f++)
        {
            var isCategorical = features[f].Kind == ColumnKind.Categorical;
            if (isCategorical != columns[f] is CategoricalColumn)
            {
                throw MlopsException.InvalidArgument(
                    $"Input '{features[f].Name}' was {features[f].Kind} when the model was trained but is {columns[f].Kind} now.");
            }
        }

        Parallel.For(0, features.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, f =>
        {
            var target = data.AsSpan(f * rows, rows);
            if (columns[f] is CategoricalColumn categorical)
            {
                var binOfCode = BinsOfLevels(features[f], categorical.Levels);
                var codes = categorical.Codes;
                for (var row = 0; row < rows; row++)
                {
                    var code = codes[row];
                    target[row] = code < 0 ? (byte)GbdtFeature.MissingBin : binOfCode[code];
                }
            }
            else
            {
                var values = ((NumericColumn)columns[f]).Values;
                var feature = features[f];
                for (var row = 0; row < rows; row++)
                {
                    target[row] = (byte)feature.NumericBin((float)values[row]);
                }
            }
        });
        return new BinnedMatrix(rows, features.Count, data);
    }

    /// <summary>The bin of each of a table's levels: its position in the model's levels, or the missing bin if unseen.</summary>
    public static byte[] BinsOfLevels(GbdtFeature feature, IReadOnlyList<string> tableLevels)
    {
        var index = new Dictionary<string, int>(feature.Levels.Length, StringComparer.Ordinal);
        for (var i = 0; i < feature.Levels.Length; i++)
        {
            index[feature.Levels[i]] = i;
        }

        var bins = new byte[tableLevels.Count];
        for (var code = 0; code < bins.Length; code++)
        {
            bins[code] = index.TryGetValue(tableLevels[code], out var bin) ? (byte)bin : (byte)GbdtFeature.MissingBin;
        }

        return bins;
    }
}
