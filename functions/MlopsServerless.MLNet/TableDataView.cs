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
        var builder = new DataViewSchema.Builder();
        var numeric = new List<Func<int, float>>();
        var text = new List<Func<int, string?>>();
        _slot = new int[inputs.Count + 1];
        for (var i = 0; i < inputs.Count; i++)
        {
            var column = table[inputs[i].Name];
            if (inputs[i].Kind == ColumnKind.Categorical)
            {
                builder.AddColumn(inputs[i].Name, TextDataViewType.Instance);
                _slot[i] = text.Count;
                text.Add(TextOf(column));
            }
            else
            {
                builder.AddColumn(inputs[i].Name, NumberDataViewType.Single);
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

    public long? GetRowCount() => RowCount;

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

    private sealed class Cursor(TableDataView view) : DataViewRowCursor
    {
        private int _row = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _row;

        public override long Batch => 0;

        public override bool MoveNext() => ++_row < view.RowCount;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_row, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            Delegate getter;
            if (column.Index == view.Inputs.Count)
            {
                getter = view._boolLabel is { } b ? (ValueGetter<bool>)((ref bool v) => v = b(_row))
                    : view._keyLabel is { } k ? (ValueGetter<uint>)((ref uint v) => v = k(_row))
                    : (ValueGetter<float>)((ref float v) => v = view._floatLabel!(_row));
            }
            else if (view.Inputs[column.Index].Kind == ColumnKind.Categorical)
            {
                var text = view._text[view._slot[column.Index]];
                getter = (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) => v = (text(_row) ?? string.Empty).AsMemory());
            }
            else
            {
                var number = view._numeric[view._slot[column.Index]];
                getter = (ValueGetter<float>)((ref float v) => v = number(_row));
            }

            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}.");
        }
    }
}
