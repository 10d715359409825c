using System.Text;
using System.Text.Json;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Tests.Prediction;

public sealed class InputRowsTests
{
    private static readonly ModelSignature Signature = new(
        [new FeatureSpec("tenure", ColumnKind.Numeric), new FeatureSpec("contract", ColumnKind.Categorical), new FeatureSpec("senior", ColumnKind.Boolean)],
        "churned",
        ModelTask.BinaryClassification,
        ["no", "yes"]);

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    private static MlopsException Rejects(string json) =>
        Assert.Throws<MlopsException>(() => InputRows.Parse(Json(json), Signature));

    [Fact]
    public void Parse_SingleObject_GivesOneRowInSignatureOrder()
    {
        var table = InputRows.Parse(Json("""{"senior": true, "contract": "one-year", "tenure": 12.5}"""), Signature);

        Assert.Equal(1, table.RowCount);
        Assert.Equal(["tenure", "contract", "senior"], table.Columns.Select(c => c.Name));
        Assert.Equal(12.5, ((NumericColumn)table["tenure"]).Values[0]);
        var contract = (CategoricalColumn)table["contract"];
        Assert.Equal("one-year", contract.Levels[contract.Codes[0]]);
        Assert.Equal(1, ((NumericColumn)table["senior"]).Values[0]);
    }

    [Fact]
    public void Parse_Array_GivesOneRowPerObject()
    {
        var table = InputRows.Parse(Json("""
            [{"tenure": 1, "contract": "a", "senior": false},
             {"tenure": 2, "contract": "b", "senior": true},
             {"tenure": 3, "contract": "a", "senior": false}]
            """), Signature);

        Assert.Equal(3, table.RowCount);
        Assert.Equal([1.0, 2, 3], ((NumericColumn)table["tenure"]).Values);
        Assert.Equal([0.0, 1, 0], ((NumericColumn)table["senior"]).Values);
    }

    [Theory]
    [InlineData("""{"tenure": 1, "contract": 3, "senior": true}""", "'contract'")]
    [InlineData("""{"tenure": 1, "contract": true, "senior": true}""", "'contract'")]
    [InlineData("""{"tenure": 1e400, "contract": "a", "senior": true}""", "'tenure'")]
    public void Parse_CategoryAsNumberOrBooleanOrNumberOutOfRange_NamesTheFeature(string json, string feature)
    {
        var error = Rejects(json);

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Contains(feature, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingFeatureInObject_NamesTheFeature()
    {
        var error = Rejects("""{"tenure": 1, "senior": true}""");

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Contains("'contract'", error.Message);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void Parse_MissingFeatureInArray_NamesRowAndFeature()
    {
        var error = Rejects("""[{"tenure": 1, "contract": "a", "senior": true}, {"tenure": 1, "contract": "a"}]""");

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Contains("Row 1", error.Message);
        Assert.Contains("'senior'", error.Message);
    }

    [Theory]
    [InlineData("""{"tenure": "12", "contract": "a", "senior": true}""", "'tenure'", "a number")]
    [InlineData("""{"tenure": 12, "contract": {"x": 1}, "senior": true}""", "'contract'", "a string")]
    [InlineData("""{"tenure": 12, "contract": "a", "senior": "maybe"}""", "'senior'", "true or false")]
    [InlineData("""{"tenure": 12, "contract": "a", "senior": 2}""", "'senior'", "true or false")]
    [InlineData("""{"tenure": [1], "contract": "a", "senior": true}""", "'tenure'", "a number")]
    public void Parse_WrongJsonType_NamesFeatureAndExpectedType(string json, string feature, string expected)
    {
        var error = Rejects(json);

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Contains(feature, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Parse_Nulls_AreMissingValues()
    {
        var table = InputRows.Parse(Json("""{"tenure": null, "contract": null, "senior": null}"""), Signature);

        Assert.True(double.IsNaN(((NumericColumn)table["tenure"]).Values[0]));
        Assert.Equal(-1, ((CategoricalColumn)table["contract"]).Codes[0]);
        Assert.True(double.IsNaN(((NumericColumn)table["senior"]).Values[0]));
    }

    [Theory]
    [InlineData("true", 1)]
    [InlineData("false", 0)]
    [InlineData("1", 1)]
    [InlineData("0", 0)]
    [InlineData("\"yes\"", 1)]
    [InlineData("\"no\"", 0)]
    [InlineData("\"TRUE\"", 1)]
    public void Parse_BooleanSpellings_AreAccepted(string value, double expected)
    {
        var table = InputRows.Parse(Json($$"""{"tenure": 1, "contract": "a", "senior": {{value}}}"""), Signature);

        Assert.Equal(expected, ((NumericColumn)table["senior"]).Values[0]);
    }

    [Fact]
    public void Parse_ExtraFields_AreIgnored()
    {
        var table = InputRows.Parse(Json("""{"tenure": 1, "contract": "a", "senior": true, "customer_id": "c-17", "nested": {"a": [1]}}"""), Signature);

        Assert.Equal(3, table.Columns.Count);
        Assert.False(table.Contains("customer_id"));
    }

    [Fact]
    public void Parse_MoreThanMaxRows_IsRejected()
    {
        var row = """{"tenure": 1, "contract": "a", "senior": true}""";
        var json = "[" + string.Join(",", Enumerable.Repeat(row, InputRows.MaxRows + 1)) + "]";

        var error = Rejects(json);

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Contains(InputRows.MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Fact]
    public void Parse_ExactlyMaxRows_IsAccepted()
    {
        var row = """{"tenure": 1, "contract": "a", "senior": true}""";
        var json = new StringBuilder("[").AppendJoin(',', Enumerable.Repeat(row, InputRows.MaxRows)).Append(']').ToString();

        Assert.Equal(InputRows.MaxRows, InputRows.Parse(Json(json), Signature).RowCount);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("[1, 2]")]
    public void Parse_NotObjectsOrEmpty_IsInvalidArgument(string json) =>
        Assert.Equal(ErrorCode.InvalidArgument, Rejects(json).Code);

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    public void Parse_NumberBeyondDoubleRange_IsInvalidArgumentNotACrash(string number)
    {
        var error = Rejects($$"""{"tenure": {{number}}, "contract": "a", "senior": true}""");

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Contains("'tenure'", error.Message);
    }

    [Fact]
    public void Parse_BooleanFeatureGivenHugeNumber_IsInvalidArgumentNotACrash()
    {
        var error = Rejects("""{"tenure": 1, "contract": "a", "senior": 1e400}""");

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Contains("'senior'", error.Message);
    }
}
