using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Tests.Training;

/// <summary>Fixtures/linear.csv split into the three tasks it carries.</summary>
internal static class LinearTestData
{
    public static async Task<Table> BinaryAsync() => Keep(await FixtureData.LoadAsync("linear.csv"), "label_bin");

    public static async Task<Table> MulticlassAsync() => Keep(await FixtureData.LoadAsync("linear.csv"), "label_multi");

    public static async Task<Table> RegressionAsync() => Keep(await FixtureData.LoadAsync("linear.csv"), "target");

    public static TrainingRequest Request(Table table, string label, ModelTask task, params (string Name, string Value)[] parameters) =>
        new(table, null, label, task, parameters.ToDictionary(p => p.Name, p => p.Value), Seed: 42);

    // Drops the coefficient of the all-zero "(other)" colour column, which sklearn's one-hot has no column for.
    public static double[] WithoutOther(IReadOnlyList<string> names, ReadOnlySpan<double> coefficients)
    {
        var result = new List<double>();
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] != "color=(other)")
            {
                result.Add(coefficients[i]);
            }
        }

        return [.. result];
    }

    private static Table Keep(Table table, string label) =>
        new(table.Columns.Where(c => c.Name is "x1" or "x2" or "const" or "color" or "flag" || c.Name == label).ToList());
}
