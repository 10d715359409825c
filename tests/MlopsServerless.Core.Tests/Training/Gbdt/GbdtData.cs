using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Tests.Training.Gbdt;

/// <summary>Seeded synthetic tables for the gbdt tests.</summary>
internal static class GbdtData
{
    /// <summary>y = (x1 * x2 &gt; 0): no single input and no linear combination of them ranks the classes.</summary>
    public static Table Xor(int rows, int seed)
    {
        var random = new Random(seed);
        var x1 = new double[rows];
        var x2 = new double[rows];
        var noise = new double[rows];
        var y = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            x1[i] = (random.NextDouble() * 2) - 1;
            x2[i] = (random.NextDouble() * 2) - 1;
            noise[i] = random.NextDouble();
            y[i] = x1[i] * x2[i] > 0 ? 1 : 0;
        }

        return new Table([Numeric("x1", x1), Numeric("x2", x2), Numeric("noise", noise), Numeric("y", y)]);
    }

    /// <summary>y = 3 sin(2 x1) + x2^2 + N(0, 0.1^2).</summary>
    public static Table Regression(int rows, int seed)
    {
        var random = new Random(seed);
        var x1 = new double[rows];
        var x2 = new double[rows];
        var y = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            x1[i] = (random.NextDouble() * 4) - 2;
            x2[i] = (random.NextDouble() * 4) - 2;
            y[i] = (3 * Math.Sin(2 * x1[i])) + (x2[i] * x2[i]) + (0.1 * Gaussian(random));
        }

        return new Table([Numeric("x1", x1), Numeric("x2", x2), Numeric("y", y)]);
    }

    /// <summary>Three classes by the band of x1 ("low", "mid", "high"), with a categorical input that carries no signal.</summary>
    public static Table Multiclass(int rows, int seed)
    {
        var random = new Random(seed);
        var x1 = new double[rows];
        var color = new int[rows];
        var y = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            x1[i] = random.NextDouble();
            color[i] = random.Next(3);
            y[i] = x1[i] < 0.33 ? 0 : x1[i] < 0.66 ? 1 : 2;
        }

        return new Table([
            Numeric("x1", x1),
            new CategoricalColumn("color", color, ["red", "green", "blue"]),
            new CategoricalColumn("band", y, ["low", "mid", "high"]),
        ]);
    }

    /// <summary>
    /// Two numeric inputs (one with 15% missing), a 40-level categorical input with 10% missing whose level matters,
    /// and a boolean. With <paramref name="unseenLevels"/> the categorical column also holds levels training never saw.
    /// </summary>
    public static Table Mixed(int rows, int seed, ModelTask task, bool unseenLevels = false)
    {
        var random = new Random(seed);
        var a = new double[rows];
        var b = new double[rows];
        var flag = new double[rows];
        var codes = new int[rows];
        var levels = Enumerable.Range(0, unseenLevels ? 50 : 40).Select(i => $"level{i}").ToArray();
        var score = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            a[i] = (random.NextDouble() * (unseenLevels ? 6 : 4)) - 2;
            b[i] = random.NextDouble() < 0.15 ? double.NaN : random.NextDouble() * 10;
            flag[i] = random.Next(2);
            codes[i] = random.NextDouble() < 0.1 ? -1 : random.Next(levels.Length);
            var levelEffect = codes[i] < 0 ? 1.5 : (codes[i] * 7 % 5) - 2;
            score[i] = Math.Sin(2 * a[i]) + (double.IsNaN(b[i]) ? 2 : b[i] / 5) + levelEffect + flag[i] + (0.3 * random.NextDouble());
        }

        var y = task switch
        {
            ModelTask.Regression => (Column)Numeric("y", score),
            ModelTask.BinaryClassification => Numeric("y", score.Select(s => s > 1.5 ? 1.0 : 0.0).ToArray()),
            _ => new CategoricalColumn("y", score.Select(s => s < 0.5 ? 0 : s < 2.5 ? 1 : 2).ToArray(), ["low", "mid", "high"]),
        };
        return new Table([
            Numeric("a", a),
            Numeric("b", b),
            new NumericColumn("flag", ColumnKind.Boolean, flag),
            new CategoricalColumn("c", codes, levels),
            y,
        ]);
    }

    public static NumericColumn Numeric(string name, double[] values) => new(name, ColumnKind.Numeric, values);

    public static TrainingRequest Request(Table train, string label, ModelTask task, IReadOnlyDictionary<string, string>? parameters = null, Table? validation = null, int seed = 42) =>
        new(train, validation, label, task, parameters ?? new Dictionary<string, string>(), seed);

    public static (Table Train, Table Test) Split(Table table, double trainFraction)
    {
        var cut = (int)(table.RowCount * trainFraction);
        return (table.Select(Enumerable.Range(0, cut).ToArray()), table.Select(Enumerable.Range(cut, table.RowCount - cut).ToArray()));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
