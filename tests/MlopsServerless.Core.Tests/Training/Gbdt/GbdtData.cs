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
