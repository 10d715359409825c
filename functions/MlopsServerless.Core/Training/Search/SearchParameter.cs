using System.Globalization;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Training.Search;

/// <summary>
/// One searched hyperparameter: a list of values, or a range. Random search draws from the range; grid search takes
/// <see cref="GridPoints"/> evenly spaced points of it (geometrically spaced for <see cref="SearchParameterKind.LogFloat"/>,
/// distinct rounded integers for <see cref="SearchParameterKind.Int"/>). Build it with the static factories.
/// </summary>
public sealed record SearchParameter(string Name, SearchParameterKind Kind, IReadOnlyList<string> Values, double Min = 0, double Max = 0, int GridPoints = SearchParameter.DefaultGridPoints)
{
    /// <summary>Points a range contributes to a grid unless given. Defaults to 5.</summary>
    public const int DefaultGridPoints = 5;

    /// <summary>One of <paramref name="values"/>.</summary>
    /// <exception cref="MlopsException">InvalidArgument when no value is given.</exception>
    public static SearchParameter Choice(string name, params string[] values) =>
        values.Length == 0
            ? throw MlopsException.InvalidArgument($"Search parameter '{name}' lists no values.")
            : new(name, SearchParameterKind.Choice, values, 0, 0, values.Length);

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="MlopsException">InvalidArgument when min &gt; max.</exception>
    public static SearchParameter IntRange(string name, int min, int max, int gridPoints = DefaultGridPoints) =>
        Range(name, SearchParameterKind.Int, min, max, gridPoints);

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="MlopsException">InvalidArgument when min &gt; max or a bound is not finite.</exception>
    public static SearchParameter FloatRange(string name, double min, double max, int gridPoints = DefaultGridPoints) =>
        Range(name, SearchParameterKind.Float, min, max, gridPoints);

    /// <summary>A number in [<paramref name="min"/>, <paramref name="max"/>], spread evenly in log scale.</summary>
    /// <exception cref="MlopsException">InvalidArgument when min is not positive or min &gt; max.</exception>
    public static SearchParameter LogFloatRange(string name, double min, double max, int gridPoints = DefaultGridPoints) =>
        min <= 0
            ? throw MlopsException.InvalidArgument($"Search parameter '{name}' is log-scaled, so its minimum must be positive (got {min.ToString(CultureInfo.InvariantCulture)}).")
            : Range(name, SearchParameterKind.LogFloat, min, max, gridPoints);

    /// <summary>The values a grid search tries, in increasing order (or as listed).</summary>
    public IReadOnlyList<string> GridValues()
    {
        if (Kind == SearchParameterKind.Choice)
        {
            return Values;
        }

        var points = Math.Max(1, GridPoints);
        var values = new List<string>();
        for (var i = 0; i < points; i++)
        {
            var t = points == 1 ? 0.5 : (double)i / (points - 1);
            var text = Format(Kind == SearchParameterKind.LogFloat
                ? Math.Exp(Math.Log(Min) + (t * (Math.Log(Max) - Math.Log(Min))))
                : Min + (t * (Max - Min)));
            if (!values.Contains(text))
            {
                values.Add(text);
            }
        }

        return values;
    }

    /// <summary>One random value of this parameter.</summary>
    public string Draw(Random random) => Kind switch
    {
        SearchParameterKind.Choice => Values[random.Next(Values.Count)],
        SearchParameterKind.Int => ((long)Min + random.NextInt64((long)Max - (long)Min + 1)).ToString(CultureInfo.InvariantCulture),
        SearchParameterKind.LogFloat => Format(Math.Exp(Math.Log(Min) + (random.NextDouble() * (Math.Log(Max) - Math.Log(Min))))),
        _ => Format(Min + (random.NextDouble() * (Max - Min))),
    };

    private string Format(double value) => Kind == SearchParameterKind.Int
        ? Math.Round(value, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static SearchParameter Range(string name, SearchParameterKind kind, double min, double max, int gridPoints)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max)
        {
            throw MlopsException.InvalidArgument(
                $"Search parameter '{name}' has the range [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]; use finite bounds with min <= max.");
        }

        if (gridPoints < 1)
        {
            throw MlopsException.InvalidArgument($"Search parameter '{name}' needs at least 1 grid point.");
        }

        return new SearchParameter(name, kind, [], min, max, gridPoints);
    }
}
