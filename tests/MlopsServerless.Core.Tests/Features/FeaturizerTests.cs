using System.Text.Json;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Features;
using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Tests.Features;

public sealed class FeaturizerTests
{
    // Without indicators and with 50 levels: what these tests were written against, whatever the defaults.
    private static readonly FeaturizerOptions Defaults = new(MissingIndicators: false, MaxLevels: 50);

    [Fact]
    public void Fit_NumericWithMissing_ImputesMedianThenStandardizes()
    {
        // Median of 1, 2, 10 is 2; after imputation 1, 2, 10, 2: mean 3.75, population std sqrt(13.1875).
        var table = new Table([Numeric("x", 1, 2, 10, double.NaN)]);

        var featurizer = Featurizer.Fit(table, ["x"], Defaults);
        var matrix = featurizer.Transform(table);

        var encoder = Assert.Single(featurizer.Encoders);
        Assert.Equal(2, encoder.Fill);
        Assert.Equal(3.75, encoder.Mean, 12);
        Assert.Equal(Math.Sqrt(13.1875), encoder.Scale, 12);
        Assert.Equal((2 - 3.75) / Math.Sqrt(13.1875), matrix.Values[3], 12);
    }

    [Fact]
    public void Transform_ConstantColumn_IsZerosNotNaN()
    {
        var table = new Table([Numeric("c", 5, 5, 5)]);

        var matrix = Featurizer.Fit(table, ["c"], Defaults).Transform(table);

        Assert.All(matrix.Values, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Transform_UnseenCategory_GoesToOtherBucket()
    {
        var train = new Table([Categorical("color", "red", "blue", "red")]);
        var featurizer = Featurizer.Fit(train, ["color"], Defaults);

        var matrix = featurizer.Transform(new Table([Categorical("color", "purple")]));

        Assert.Equal(["color=blue", "color=red", "color=(other)"], featurizer.OutputNames());
        Assert.Equal([0.0, 0.0, 1.0], matrix.Values);
    }

    [Fact]
    public void Transform_DifferentLevelOrder_MatchesByText()
    {
        var train = new Table([new CategoricalColumn("color", [0, 1, 2], ["blue", "green", "red"])]);
        var featurizer = Featurizer.Fit(train, ["color"], Defaults);
        var reordered = new Table([new CategoricalColumn("color", [0, 1, 2], ["red", "blue", "green"])]);

        var matrix = featurizer.Transform(reordered);

        // Rows are red, blue, green; columns are blue, green, red, (other).
        Assert.Equal([0.0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0], matrix.Values);
    }

    [Fact]
    public void Transform_MissingCategory_ImputesMostFrequentLevel()
    {
        var train = new Table([Categorical("color", "red", "blue", "red")]);
        var featurizer = Featurizer.Fit(train, ["color"], Defaults);

        var matrix = featurizer.Transform(new Table([Categorical("color", [null])]));

        Assert.Equal([0.0, 1.0, 0.0], matrix.Values);
    }

    [Fact]
    public void Transform_MissingValuesAtPrediction_NeverThrow()
    {
        var train = new Table([Numeric("x", 1, 2, 3), Boolean("b", 1, 0, 1), Categorical("c", "a", "b", "a")]);
        var featurizer = Featurizer.Fit(train, ["x", "b", "c"], Defaults);
        var predict = new Table([Numeric("x", double.NaN), Boolean("b", double.NaN), Categorical("c", [null])]);

        var matrix = featurizer.Transform(predict);

        // x -> median 2 -> standardized 0; b -> most frequent 1; c -> most frequent "a".
        Assert.Equal([0.0, 1.0, 1.0, 0.0, 0.0], matrix.Values);
    }

    [Fact]
    public void Transform_AbsentColumn_IsImputed()
    {
        var train = new Table([Numeric("x", 1, 2, 3), Categorical("c", "a", "b", "a")]);
        var featurizer = Featurizer.Fit(train, ["x", "c"], Defaults);

        var matrix = featurizer.Transform(new Table([Numeric("other", 7)]));

        Assert.Equal([0.0, 1.0, 0.0, 0.0], matrix.Values);
    }

    [Fact]
    public void Transform_ColumnOfAnotherKind_IsReadThroughItsText()
    {
        var train = new Table([Categorical("zip", "10", "20", "10"), Numeric("x", 1, 2, 3)]);
        var featurizer = Featurizer.Fit(train, ["zip", "x"], Defaults);
        var predict = new Table([Numeric("zip", 20), Categorical("x", "3")]);

        var matrix = featurizer.Transform(predict);

        Assert.Equal([0.0, 1.0, 0.0, (3 - 2) / Math.Sqrt(2.0 / 3)], matrix.Values);
    }

    [Fact]
    public void Fit_MoreLevelsThanCap_PoolsRareLevelsIntoOther()
    {
        var train = new Table([Categorical("c", "a", "a", "a", "b", "b", "c", "d")]);

        var featurizer = Featurizer.Fit(train, ["c"], new FeaturizerOptions(MissingIndicators: false, MaxLevels: 2));
        var matrix = featurizer.Transform(new Table([Categorical("c", "c", "d", "b")]));

        Assert.Equal(["c=a", "c=b", "c=(other)"], featurizer.OutputNames());
        Assert.Equal([0.0, 0, 1, 0, 0, 1, 0, 1, 0], matrix.Values);
    }

    [Fact]
    public void Fit_MinFrequency_PoolsLevelsSeenLessOften()
    {
        var train = new Table([Categorical("c", "a", "a", "b", "c")]);

        var featurizer = Featurizer.Fit(train, ["c"], new FeaturizerOptions(MissingIndicators: false, MaxLevels: 50, MinFrequency: 2));

        Assert.Equal(["c=a", "c=(other)"], featurizer.OutputNames());
    }

    [Fact]
    public void Transform_MissingIndicators_MarkMissingRows()
    {
        var train = new Table([Numeric("x", 1, double.NaN, 3), Numeric("y", 1, 2, 3)]);

        var featurizer = Featurizer.Fit(train, ["x", "y"], new FeaturizerOptions(MissingIndicators: true, MaxLevels: 50));
        var matrix = featurizer.Transform(train);

        // Only x had missing values in training, so only x gets an indicator.
        Assert.Equal(["x", "x=(missing)", "y"], featurizer.OutputNames());
        Assert.Equal([0.0, 1.0, 0.0], Enumerable.Range(0, 3).Select(r => matrix.Row(r)[1]));
    }

    [Fact]
    public void Serialize_FittedState_RoundTripsToSameBytes()
    {
        var train = new Table([Numeric("x", 1, double.NaN, 3.3), Boolean("b", 1, 0, double.NaN), Categorical("c", "z", null, "y")]);
        var featurizer = Featurizer.Fit(train, ["x", "b", "c"], new FeaturizerOptions(MissingIndicators: true, MaxLevels: 50));

        var json = JsonSerializer.SerializeToUtf8Bytes(featurizer, ModelFormat.JsonOptions);
        var back = JsonSerializer.Deserialize<Featurizer>(json, ModelFormat.JsonOptions)!;

        Assert.Equal(json, JsonSerializer.SerializeToUtf8Bytes(back, ModelFormat.JsonOptions));
        Assert.Equal(featurizer.Transform(train).Values, back.Transform(train).Values);
    }

    private static NumericColumn Numeric(string name, params double[] values) => new(name, ColumnKind.Numeric, values);

    private static NumericColumn Boolean(string name, params double[] values) => new(name, ColumnKind.Boolean, values);

    private static CategoricalColumn Categorical(string name, params string?[] values)
    {
        var levels = values.Where(v => v is not null).Distinct().ToList();
        return new CategoricalColumn(name, values.Select(v => v is null ? -1 : levels.IndexOf(v)).ToArray(), levels!);
    }
}
