using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Training;
using MlopsServerless.Core.Training.Gbdt;

namespace MlopsServerless.Core.Prediction;

/// <summary>
/// The request path of a prediction: reads JSON features straight into what the model walks (a pooled dense float row
/// per row for gradient-boosted trees, exact-size columns for the others) and predicts. It checks input exactly as
/// <see cref="InputRows"/> describes (every feature present, null for missing, the JSON type of the feature's kind, errors
/// naming the row and feature), with one rule more: a categorical feature must be a string (or null); a JSON number or
/// boolean is rejected. Fields the model does not use are ignored.
/// </summary>
public static class JsonFeatureReader
{
    // The signature's feature names as UTF-8, made once per loaded signature, so a lookup transcodes nothing.
    private static readonly ConditionalWeakTable<ModelSignature, byte[][]> Utf8Names = [];

    /// <summary>Predicts one JSON object of features, or an array of at most <see cref="InputRows.MaxRows"/> of them.</summary>
    /// <exception cref="MlopsException">InvalidArgument saying which row and feature is wrong and what was expected.</exception>
    public static Predictions Predict(TrainedModel model, JsonElement body)
    {
        var count = RowCount(body);
        var single = body.ValueKind == JsonValueKind.Object;
        return model is GbdtModel gbdt ? PredictDense(gbdt, body, count, single) : model.Predict(ReadTable(model.Signature, body, count, single));
    }

    /// <summary>Reads the rows into a <see cref="Table"/> with one exact-size column per feature, in signature order.</summary>
    /// <exception cref="MlopsException">InvalidArgument saying which row and feature is wrong and what was expected.</exception>
    public static Table ReadTable(ModelSignature signature, JsonElement body) =>
        ReadTable(signature, body, RowCount(body), body.ValueKind == JsonValueKind.Object);

    private static int RowCount(JsonElement body)
    {
        var count = body.ValueKind switch
        {
            JsonValueKind.Object => 1,
            JsonValueKind.Array => body.GetArrayLength(),
            _ => throw MlopsException.InvalidArgument("The body must be a JSON object of features, or an array of such objects."),
        };
        if (count == 0 || count > InputRows.MaxRows)
        {
            throw MlopsException.InvalidArgument($"Send between 1 and {InputRows.MaxRows} rows; got {count}.");
        }

        return count;
    }

    private static Predictions PredictDense(GbdtModel model, JsonElement body, int count, bool single)
    {
        var signature = model.Signature;
        var width = signature.Inputs.Count;
        var names = Utf8Names.GetValue(signature, NamesOf);
        var rows = ArrayPool<float>.Shared.Rent(count * width);
        try
        {
            var r = 0;
            foreach (var row in Rows(body, single))
            {
                var target = rows.AsSpan(r * width, width);
                for (var f = 0; f < width; f++)
                {
                    var value = Feature(row, names[f], signature, f, single, r);
                    var feature = signature.Inputs[f];
                    target[f] = feature.Kind == ColumnKind.Categorical
                        ? Level(value, feature, single, r) is { } level ? model.EncodeLevel(f, level) : float.NaN
                        : (float)Number(value, feature, single, r);
                }

                r++;
            }

            var values = new double[count * model.Width];
            for (r = 0; r < count; r++)
            {
                model.PredictRow(rows.AsSpan(r * width, width), values.AsSpan(r * model.Width, model.Width));
            }

            return new Predictions(signature.Task, signature.Classes, count, values);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rows);
        }
    }

    private static Table ReadTable(ModelSignature signature, JsonElement body, int count, bool single)
    {
        var width = signature.Inputs.Count;
        var names = Utf8Names.GetValue(signature, NamesOf);
        var numbers = new double[width][];
        var codes = new int[width][];
        var levels = new List<string>[width];
        var index = new Dictionary<string, int>[width];
        for (var f = 0; f < width; f++)
        {
            if (signature.Inputs[f].Kind == ColumnKind.Categorical)
            {
                codes[f] = new int[count];
                levels[f] = [];
                index[f] = new Dictionary<string, int>(StringComparer.Ordinal);
            }
            else
            {
                numbers[f] = new double[count];
            }
        }

        var r = 0;
        foreach (var row in Rows(body, single))
        {
            for (var f = 0; f < width; f++)
            {
                var value = Feature(row, names[f], signature, f, single, r);
                var feature = signature.Inputs[f];
                if (feature.Kind != ColumnKind.Categorical)
                {
                    numbers[f][r] = Number(value, feature, single, r);
                }
                else if (Level(value, feature, single, r) is { } level)
                {
                    if (!index[f].TryGetValue(level, out var code))
                    {
                        code = levels[f].Count;
                        levels[f].Add(level);
                        index[f][level] = code;
                    }

                    codes[f][r] = code;
                }
                else
                {
                    codes[f][r] = -1;
                }
            }

            r++;
        }

        return new Table(signature.Inputs
            .Select((feature, f) => feature.Kind == ColumnKind.Categorical
                ? (Column)new CategoricalColumn(feature.Name, codes[f], levels[f])
                : new NumericColumn(feature.Name, feature.Kind, numbers[f]))
            .ToList());
    }

    // The rows of the body, each checked to be an object before its features are read.
    private static IEnumerable<JsonElement> Rows(JsonElement body, bool single)
    {
        if (single)
        {
            yield return body;
            yield break;
        }

        var r = 0;
        foreach (var row in body.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Object)
            {
                throw MlopsException.InvalidArgument($"{Where(single, r)}expected a JSON object of features, got {row.ValueKind}.");
            }

            yield return row;
            r++;
        }
    }

    private static JsonElement Feature(JsonElement row, byte[] utf8Name, ModelSignature signature, int f, bool single, int r) =>
        row.TryGetProperty(utf8Name, out var value)
            ? value
            : throw MlopsException.InvalidArgument(
                $"{Where(single, r)}feature '{signature.Inputs[f].Name}' is missing. Send every feature ({InputRows.Describe(signature)}); use null for an unknown value.");

    // A numeric or boolean feature's value; NaN for null or a missing token.
    private static double Number(JsonElement value, FeatureSpec feature, bool single, int r)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return double.NaN;
            case JsonValueKind.Number when value.TryGetDouble(out var number) && double.IsFinite(number)
                && (feature.Kind == ColumnKind.Numeric || number is 0 or 1):
                return number;
            case JsonValueKind.True or JsonValueKind.False when feature.Kind == ColumnKind.Boolean:
                return value.ValueKind == JsonValueKind.True ? 1 : 0;
            case JsonValueKind.String when feature.Kind == ColumnKind.Boolean && CellValues.TryParseBoolean(value.GetString(), out var flag):
                return flag ? 1 : 0;
            default:
                throw WrongType(value, feature, single, r);
        }
    }

    // A categorical feature's level as the CSV loader reads it (trimmed); null for null or a missing token.
    private static string? Level(JsonElement value, FeatureSpec feature, bool single, int r)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw WrongType(value, feature, single, r);
        }

        var text = value.GetString()!;
        return CellValues.IsMissing(text) ? null : text.Trim();
    }

    private static MlopsException WrongType(JsonElement value, FeatureSpec feature, bool single, int r)
    {
        var expected = feature.Kind switch
        {
            ColumnKind.Numeric => "a number",
            ColumnKind.Boolean => "true or false",
            _ => "a string",
        };
        var text = value.GetRawText();
        var shown = $"{value.ValueKind.ToString().ToLowerInvariant()} {(text.Length > 40 ? text[..40] + "..." : text)}";
        return MlopsException.InvalidArgument($"{Where(single, r)}feature '{feature.Name}' must be {expected} (or null), got {shown}.");
    }

    private static string Where(bool single, int r) => single ? "" : $"Row {r}: ";

    private static byte[][] NamesOf(ModelSignature signature) => signature.Inputs.Select(f => Encoding.UTF8.GetBytes(f.Name)).ToArray();
}
