using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Training;

namespace MlopsServerless.MLNet;

/// <summary>
/// Our <see cref="Table"/> as an ML.NET <see cref="IDataView"/>, without copying rows: numeric and boolean inputs are
/// <c>Single</c> columns (NaN when missing), categorical inputs are text columns (empty when missing), under the user's
/// own column names. This is the input schema saved in <c>model.zip</c>, so a user's app feeds the same columns.
/// </summary>
internal sealed class TableDataView : IDataView
{
    /// <summary>The label column's name inside the ML.NET pipeline (never a user's name).</summary>
    public const string LabelColumn = "__mlops_label";

    private readonly Func<int, float>[] _numeric;
    private readonly Func<int, string?>[] _text;
    private readonly int[] _slot;
    private readonly Func<int, float>? _floatLabel;
    private readonly Func<int, bool>? _boolLabel;
    private readonly Func<int, uint>? _keyLabel;

    private TableDataView(Table table, IReadOnlyList<FeatureSpec> inputs, ModelTask task, int classCount, int[]? classCodes, double[]? values)
    {
        var builder = InputColumns(inputs);
        var numeric = new List<Func<int, float>>();
        var text = new List<Func<int, string?>>();
        _slot = new int[inputs.Count + 1];
        for (var i = 0; i < inputs.Count; i++)
        {
            var column = table[inputs[i].Name];
            if (inputs[i].Kind == ColumnKind.Categorical)
            {
                _slot[i] = text.Count;
                text.Add(TextOf(column));
            }
            else
            {
                _slot[i] = numeric.Count;
                numeric.Add(NumberOf(column));
            }
        }

        if (classCodes is not null || values is not null)
        {
            switch (task)
            {
                case ModelTask.BinaryClassification:
                    builder.AddColumn(LabelColumn, BooleanDataViewType.Instance);
                    _boolLabel = row => classCodes![row] == 1;
                    break;
                case ModelTask.MulticlassClassification:
                    builder.AddColumn(LabelColumn, new KeyDataViewType(typeof(uint), classCount));
                    _keyLabel = row => (uint)(classCodes![row] + 1);
                    break;
                default:
                    builder.AddColumn(LabelColumn, NumberDataViewType.Single);
                    _floatLabel = row => (float)values![row];
                    break;
            }
        }

        _numeric = [.. numeric];
        _text = [.. text];
        Schema = builder.ToSchema();
        RowCount = table.RowCount;
        Inputs = inputs;
    }

    public IReadOnlyList<FeatureSpec> Inputs { get; }

    public int RowCount { get; }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => false;

    /// <summary>The inputs of <paramref name="features"/> as the model's input columns.</summary>
    public static TableDataView ForPrediction(Table features, IReadOnlyList<FeatureSpec> inputs) => new(features, inputs, ModelTask.Regression, 0, null, null);

    /// <summary>The inputs plus the label: class indices in [0, <paramref name="classCount"/>) for classification, values for
    /// regression. Every row must have a label.</summary>
    public static TableDataView ForTraining(Table table, IReadOnlyList<FeatureSpec> inputs, ModelTask task, int classCount, int[]? classCodes, double[]? values) =>
        new(table, inputs, task, classCount, classCodes, values);

    /// <summary>The input schema of a model with <paramref name="inputs"/>: what <see cref="ForPrediction"/> views have.</summary>
    public static DataViewSchema InputSchema(IReadOnlyList<FeatureSpec> inputs) => InputColumns(inputs).ToSchema();

    public long? GetRowCount() => RowCount;

    private static DataViewSchema.Builder InputColumns(IReadOnlyList<FeatureSpec> inputs)
    {
        var builder = new DataViewSchema.Builder();
        foreach (var input in inputs)
        {
            builder.AddColumn(input.Name, input.Kind == ColumnKind.Categorical ? TextDataViewType.Instance : NumberDataViewType.Single);
        }

        return builder;
    }

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private static Func<int, float> NumberOf(Column column) => column switch
    {
        NumericColumn n => row => (float)n.Values[row],
        CategoricalColumn c => row => double.TryParse(c.ValueAt(row), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? (float)v : float.NaN,
        _ => _ => float.NaN,
    };

    private static Func<int, string?> TextOf(Column column) => column switch
    {
        CategoricalColumn c => c.ValueAt,
        NumericColumn n => row => LabelEncoding.TextAt(n, row),
        _ => _ => null,
    };

    /// <summary>
    /// A getter for <paramref name="column"/> that reads, at each call, the row <paramref name="at"/> points to now: the
    /// cursor moves the row; a pooled scoring engine moves the table and the row.
    /// </summary>
    public static ValueGetter<TValue> Getter<TValue>(DataViewSchema.Column column, IRowPosition at)
    {
        Delegate getter;
        if (column.Name == LabelColumn)
        {
            getter = column.Type switch
            {
                BooleanDataViewType => (ValueGetter<bool>)((ref bool v) => v = at.View._boolLabel!(at.Row)),
                KeyDataViewType => (ValueGetter<uint>)((ref uint v) => v = at.View._keyLabel!(at.Row)),
                _ => (ValueGetter<float>)((ref float v) => v = at.View._floatLabel!(at.Row)),
            };
        }
        else if (column.Type is TextDataViewType)
        {
            getter = (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) =>
                v = (at.View._text[at.View._slot[column.Index]](at.Row) ?? string.Empty).AsMemory());
        }
        else
        {
            getter = (ValueGetter<float>)((ref float v) => v = at.View._numeric[at.View._slot[column.Index]](at.Row));
        }

        return getter as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
    }

    private sealed class Cursor(TableDataView view) : DataViewRowCursor, IRowPosition
    {
        private int _row = -1;

        public TableDataView View => view;

        public int Row => _row;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _row;

        public override long Batch => 0;

        public override bool MoveNext() => ++_row < view.RowCount;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_row, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => Getter<TValue>(column, this);
    }
}
