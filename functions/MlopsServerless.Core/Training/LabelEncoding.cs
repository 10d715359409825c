using System.Globalization;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Training;

/// <summary>
/// How a label column becomes what trainers fit: class indices (with the class names in a fixed order) for
/// classification, or numbers for regression. Every trainer and every metric uses this one mapping, so class order
/// is the same in the model file, the probabilities it returns and the metrics computed on them.
/// </summary>
public sealed record LabelEncoding(ModelTask Task, IReadOnlyList<string> Classes)
{
    /// <summary>
    /// Reads the classes of <paramref name="label"/> for <paramref name="task"/>: booleans are "false", "true";
    /// numbers are their invariant text ("0", "1", "2.5") in numeric order; categories are sorted ordinally.
    /// Regression has no classes.
    /// </summary>
    /// <exception cref="MlopsException">InvalidArgument when the column cannot carry the task.</exception>
    public static LabelEncoding Fit(Column label, ModelTask task)
    {
        if (task == ModelTask.Regression)
        {
            if (label is not NumericColumn { Kind: ColumnKind.Numeric })
            {
                throw MlopsException.InvalidArgument($"Regression needs a numeric label, but '{label.Name}' is {label.Kind}.");
            }

            return new LabelEncoding(task, []);
        }

        var classes = ClassesOf(label);
        var expected = task == ModelTask.BinaryClassification ? "exactly 2" : "at least 3";
        if ((task == ModelTask.BinaryClassification && classes.Count != 2) || (task == ModelTask.MulticlassClassification && classes.Count < 3))
        {
            throw MlopsException.InvalidArgument(
                $"{task} needs {expected} classes in '{label.Name}', but it has {classes.Count}: {string.Join(", ", classes.Take(10))}.");
        }

        return new LabelEncoding(task, classes);
    }

    /// <summary>The class index of every row (-1 where the label is missing or not a known class).</summary>
    public int[] EncodeClasses(Column label)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Classes.Count; i++)
        {
            index[Classes[i]] = i;
        }

        var codes = new int[label.Length];
        for (var row = 0; row < codes.Length; row++)
        {
            var text = TextAt(label, row);
            codes[row] = text is not null && index.TryGetValue(text, out var code) ? code : -1;
        }

        return codes;
    }

    /// <summary>The label as numbers (regression); NaN where missing.</summary>
    public static double[] EncodeValues(Column label) =>
        label is NumericColumn n ? n.Values : throw MlopsException.InvalidArgument($"Label '{label.Name}' is not numeric.");

    /// <summary>The class name a label cell holds, or null when missing.</summary>
    public static string? TextAt(Column label, int row) => label switch
    {
        CategoricalColumn c => c.ValueAt(row),
        NumericColumn { Kind: ColumnKind.Boolean } b => double.IsNaN(b.Values[row]) ? null : b.Values[row] != 0 ? "true" : "false",
        NumericColumn n => double.IsNaN(n.Values[row]) ? null : n.Values[row].ToString("R", CultureInfo.InvariantCulture),
        _ => null,
    };

    private static List<string> ClassesOf(Column label)
    {
        switch (label)
        {
            case CategoricalColumn c:
                var used = new HashSet<int>(c.Codes.Where(code => code >= 0));
                return used.Select(code => c.Levels[code]).Order(StringComparer.Ordinal).ToList();
            case NumericColumn { Kind: ColumnKind.Boolean }:
                return ["false", "true"];
            case NumericColumn n:
                return n.Values.Where(v => !double.IsNaN(v)).Distinct().Order()
                    .Select(v => v.ToString("R", CultureInfo.InvariantCulture)).ToList();
            default:
                throw MlopsException.InvalidArgument($"Label '{label.Name}' has an unsupported column type.");
        }
    }
}
