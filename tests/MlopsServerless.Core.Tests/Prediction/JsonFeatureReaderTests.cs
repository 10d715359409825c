using System.Text.Json;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Samples;
using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Tests.Prediction;

public sealed class JsonFeatureReaderTests(JsonFeatureReaderTests.Models models) : IClassFixture<JsonFeatureReaderTests.Models>
{
    // Rows that walk every reading rule: nulls, missing tokens, unseen and padded levels, boolean spellings, extra fields.
    private const string Rows = """
        [{"tenure_months": 3, "monthly_charges": 95.5, "contract": "month-to-month", "internet_service": "fiber",
          "payment_method": "electronic-check", "support_calls": 5, "senior_citizen": "yes", "has_partner": false,
          "region": "north", "avg_daily_usage_gb": 2.1, "satisfaction_score": 2, "customer_id": "ignored"},
         {"tenure_months": null, "monthly_charges": 20, "contract": "  two-year ", "internet_service": "NA",
          "payment_method": "never-seen", "support_calls": 0, "senior_citizen": 0, "has_partner": "TRUE",
          "region": null, "avg_daily_usage_gb": 1e-3, "satisfaction_score": null},
         {"tenure_months": 60, "monthly_charges": 61.25, "contract": "one-year", "internet_service": "dsl",
          "payment_method": "mailed-check", "support_calls": 1, "senior_citizen": null, "has_partner": 1,
          "region": "south", "avg_daily_usage_gb": 0, "satisfaction_score": 5, "nested": {"a": [1]}}]
        """;

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    [Theory]
    [InlineData("gbdt")]
    [InlineData("logreg")]
    public void Predict_Rows_EqualThePredictionsOfTheTablePath(string algorithm)
    {
        var model = models.Get(algorithm);
        var body = Json(Rows);

        var fast = JsonFeatureReader.Predict(model, body);
        var table = model.Predict(InputRows.Parse(body, model.Signature));

        Assert.Equal(3, fast.RowCount);
        Assert.Equal(table.Values, fast.Values);
        Assert.Equal(table.Classes, fast.Classes);
    }

    [Fact]
    public void Predict_SingleObject_EqualsTheSameRowInABatch()
    {
        var model = models.Get("gbdt");
        var first = Json(Rows)[0];

        Assert.Equal(JsonFeatureReader.Predict(model, Json(Rows)).Row(0).ToArray(), JsonFeatureReader.Predict(model, first).Values);
    }

    [Theory]
    [InlineData("gbdt", """{"tenure_months": 12}""", "'monthly_charges' is missing")]
    [InlineData("logreg", """[{"tenure_months": 12}]""", "Row 0: feature 'monthly_charges' is missing")]
    [InlineData("gbdt", """{"tenure_months": "12"}""", "feature 'tenure_months' must be a number (or null), got string \"12\"")]
    [InlineData("gbdt", """{"tenure_months": 1e400}""", "feature 'tenure_months' must be a number")]
    [InlineData("logreg", """{"tenure_months": [1]}""", "feature 'tenure_months' must be a number")]
    [InlineData("gbdt", "[5]", "Row 0: expected a JSON object of features, got Number")]
    [InlineData("logreg", "[]", "Send between 1 and 10000 rows; got 0.")]
    [InlineData("gbdt", "42", "The body must be a JSON object of features")]
    public void Predict_BadInput_InvalidArgumentLikeInputRows(string algorithm, string json, string message)
    {
        var error = Assert.Throws<MlopsException>(() => JsonFeatureReader.Predict(models.Get(algorithm), Json(json)));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("gbdt", "\"maybe\"", "true or false")]
    [InlineData("logreg", "2", "true or false")]
    [InlineData("gbdt", "1e400", "true or false")]
    public void Predict_BadBoolean_NamesTheFeature(string algorithm, string value, string expected)
    {
        var row = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Json(Rows)[0].GetRawText())!;
        row["senior_citizen"] = Json(value);

        var error = Assert.Throws<MlopsException>(() => JsonFeatureReader.Predict(models.Get(algorithm), Json(JsonSerializer.Serialize(row))));

        Assert.Contains("feature 'senior_citizen' must be " + expected, error.Message);
    }

    [Theory]
    [InlineData("gbdt", "12")]
    [InlineData("logreg", "true")]
    [InlineData("gbdt", "{\"a\": 1}")]
    public void Predict_CategoricalAsNonString_InvalidArgumentNamingTheFeature(string algorithm, string value)
    {
        var row = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Json(Rows)[0].GetRawText())!;
        row["contract"] = Json(value);

        var error = Assert.Throws<MlopsException>(() => JsonFeatureReader.Predict(models.Get(algorithm), Json(JsonSerializer.Serialize(row))));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Contains("feature 'contract' must be a string (or null)", error.Message);
    }

    [Fact]
    public void ReadTable_Rows_SameColumnsAsInputRows()
    {
        var signature = models.Get("logreg").Signature;

        var fast = JsonFeatureReader.ReadTable(signature, Json(Rows));
        var table = InputRows.Parse(Json(Rows), signature);

        Assert.Equal(table.Columns.Select(c => (c.Name, c.Kind)), fast.Columns.Select(c => (c.Name, c.Kind)));
        foreach (var column in table.Columns)
        {
            for (var r = 0; r < table.RowCount; r++)
            {
                Assert.Equal(LabelEncoding.TextAt(column, r), LabelEncoding.TextAt(fast[column.Name], r));
            }
        }
    }

    /// <summary>A gbdt and a logreg model trained once on the churn sample.</summary>
    public sealed class Models
    {
        private readonly Dictionary<string, TrainedModel> _models;

        public Models()
        {
            var bytes = CoreHarness.Churn(600, 5);
            var profile = CsvProfiler.ProfileAsync(new MemoryStream(bytes), CancellationToken.None).GetAwaiter().GetResult();
            var table = TableLoader.LoadAsync(new MemoryStream(bytes), profile.Columns, CancellationToken.None).GetAwaiter().GetResult();
            var task = TaskDetector.Detect(table[ChurnSample.Label]);
            _models = new[] { ("gbdt", new Dictionary<string, string> { ["n_estimators"] = "20" }), ("logreg", new Dictionary<string, string>()) }
                .ToDictionary(
                    a => a.Item1,
                    a => TrainerCatalog.Get(a.Item1).CreateTrainer().Train(new TrainingRequest(table, null, ChurnSample.Label, task, a.Item2, 42), CancellationToken.None));
        }

        public TrainedModel Get(string algorithm) => _models[algorithm];
    }
}
