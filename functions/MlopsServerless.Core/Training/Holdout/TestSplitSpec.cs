using System.Globalization;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Training.Holdout;

/// <summary>
/// Which rows a file's test split holds: <c>last:F</c> is the last fraction F of rows in file order (what
/// benchmarks compare against other libraries), <c>random:F</c> a seeded random fraction.
/// </summary>
public sealed record TestSplitSpec(bool Last, double Fraction)
{
    /// <exception cref="MlopsException">InvalidArgument for anything but last:F or random:F with 0 &lt; F &lt; 1.</exception>
    public static TestSplitSpec Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 2 && parts[0] is "last" or "random"
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var fraction) && fraction is > 0 and < 1)
        {
            return new TestSplitSpec(parts[0] == "last", fraction);
        }

        throw MlopsException.InvalidArgument($"--test-split '{text}' is not valid: use last:F or random:F with F between 0 and 1, e.g. last:0.2.");
    }

    /// <summary>Train and test row indices for <paramref name="rows"/> rows.</summary>
    public (int[] Train, int[] Test) Rows(int rows, int seed)
    {
        var testCount = (int)Math.Round(rows * Fraction);
        if (testCount < 1 || testCount >= rows)
        {
            throw MlopsException.InvalidArgument($"A test fraction of {Fraction} of {rows} rows leaves no rows for training or testing.");
        }

        var order = Enumerable.Range(0, rows).ToArray();
        if (!Last)
        {
            new Random(seed).Shuffle(order);
        }

        var train = order[..(rows - testCount)];
        var test = order[(rows - testCount)..];
        Array.Sort(train);
        Array.Sort(test);
        return (train, test);
    }
}
