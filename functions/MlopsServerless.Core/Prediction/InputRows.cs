using System.Globalization;
using System.Text.Json;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Prediction;

/// <summary>
/// Checks prediction input against a model's signature and turns it into a <see cref="Table"/>. Every feature must be
/// present in every row (null means "missing", which the model imputes); a value of the wrong JSON type (a number or
/// boolean for a categorical feature, text or a non-finite number for a numeric one) is an error that names the row and
/// the feature. Fields the model does not use are ignored.
/// </summary>
public static class InputRows
{
    /// <summary>Largest batch one request may carry.</summary>
    public const int MaxRows = 10_000;

    /// <summary>Reads one JSON object, or an array of them.</summary>
    /// <exception cref="MlopsException">InvalidArgument saying which row and feature is wrong and what was expected.</exception>
    public static Table Parse(JsonElement body, ModelSignature signature)
    {
        var rows = body.ValueKind switch
        {
            JsonValueKind.Object => [body],
            JsonValueKind.Array => body.EnumerateArray().ToList(),
            _ => throw MlopsException.InvalidArgument("The body must be a JSON object of features, or an array of such objects."),
        };
        if (rows.Count == 0 || rows.Count > MaxRows)
        {
            throw MlopsException.InvalidArgument($"Send between 1 and {MaxRows} rows; got {rows.Count}.");
        }

        var builders = Builders(signature);
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var where = rows.Count == 1 && body.ValueKind == JsonValueKind.Object ? "" : $"Row {r}: ";
            if (row.ValueKind != JsonValueKind.Object)
            {
                throw MlopsException.InvalidArgument($"{where}expected a JSON object of features, got {row.ValueKind}.");
            }

            AddRow(builders, row, signature, where, r + 1);
        }

        return new Table(builders.Select(b => b.Build()).ToList());
    }

    /// <summary>Column builders for <paramref name="signature"/>'s inputs, in its order, for <see cref="AddRow"/>.</summary>
    public static ColumnBuilder[] Builders(ModelSignature signature) => signature.Inputs.Select(f => ColumnBuilder.For(f.Name, f.Kind)).ToArray();

    /// <summary>
    /// Checks one JSON object of features and adds it to <paramref name="builders"/> (see <see cref="Builders"/>). The
    /// whole row is checked before anything is added, so a rejected row leaves the builders aligned.
    /// </summary>
    /// <exception cref="MlopsException">InvalidArgument naming the feature, prefixed with <paramref name="where"/>.</exception>
    public static void AddRow(IReadOnlyList<ColumnBuilder> builders, JsonElement row, ModelSignature signature, string where, long line)
    {
        var cells = new string[builders.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            var feature = signature.Inputs[i];
            if (!row.TryGetProperty(feature.Name, out var value))
            {
                throw MlopsException.InvalidArgument(
                    $"{where}feature '{feature.Name}' is missing. Send every feature ({Describe(signature)}); use null for an unknown value.");
            }

            cells[i] = CellText(value, feature, where);
        }

        for (var i = 0; i < cells.Length; i++)
        {
            builders[i].Add(cells[i], line);
        }
    }

    /// <summary>The features a request must carry, as "name (kind)" for error messages.</summary>
    public static string Describe(ModelSignature signature) =>
        string.Join(", ", signature.Inputs.Select(f => $"{f.Name} ({f.Kind.ToString().ToLowerInvariant()})"));

    private static string CellText(JsonElement value, FeatureSpec feature, string where)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return "";
        }

        var ok = feature.Kind switch
        {
            ColumnKind.Numeric => value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number),
            ColumnKind.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False
                || (value.ValueKind == JsonValueKind.Number && value.GetDouble() is 0 or 1)
                || (value.ValueKind == JsonValueKind.String && CellValues.TryParseBoolean(value.GetString()!, out _)),
            // A category is text: a number or boolean here is a mistake to report, not an unseen level to guess with.
            _ => value.ValueKind == JsonValueKind.String,
        };
        if (!ok)
        {
            var expected = feature.Kind switch
            {
                ColumnKind.Numeric => "a number",
                ColumnKind.Boolean => "true or false",
                _ => "a string (one of its categories)",
            };
            throw MlopsException.InvalidArgument($"{where}feature '{feature.Name}' must be {expected} (or null), got {Show(value)}.");
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        };
    }

    private static string Show(JsonElement value)
    {
        var text = value.GetRawText();
        var kind = value.ValueKind is JsonValueKind.True or JsonValueKind.False ? "boolean" : value.ValueKind.ToString().ToLowerInvariant();
        return $"{kind} {(text.Length > 40 ? text[..40] + "..." : text)}";
    }
}
