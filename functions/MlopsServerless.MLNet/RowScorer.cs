using Microsoft.ML;
using Microsoft.ML.Data;
using MlopsServerless.Core.Training;

namespace MlopsServerless.MLNet;

/// <summary>
/// Scores one row at a time without building a new transform chain per call: the model's row-to-row mapper is bound
/// once to an input row that points at (table, row), as ML.NET's PredictionEngine does internally, and the output getter
/// is kept. Not thread-safe (the input row moves): <see cref="MlNetModel"/> hands each one to one caller at a time from
/// an ObjectPool.
/// </summary>
internal sealed class RowScorer : IDisposable
{
    private readonly InputRow _input;
    private readonly DataViewRow _output;
    private readonly ValueGetter<float>? _value;
    private readonly ValueGetter<VBuffer<float>>? _vector;
    private VBuffer<float> _buffer;

    public RowScorer(ITransformer model, DataViewSchema inputSchema, string output)
    {
        _input = new InputRow(inputSchema);
        var mapper = model.GetRowToRowMapper(inputSchema);
        var column = mapper.OutputSchema[output];
        _output = mapper.GetRow(_input, [column]);
        if (column.Type is VectorDataViewType)
        {
            _vector = _output.GetGetter<VBuffer<float>>(column);
        }
        else
        {
            _value = _output.GetGetter<float>(column);
        }
    }

    public void Dispose()
    {
        _output.Dispose();
        _input.Dispose();
    }

    /// <summary>Writes row <paramref name="row"/>'s output into <paramref name="values"/> (probabilities, or the value).</summary>
    public void Score(TableDataView view, int row, ModelTask task, Span<double> values)
    {
        _input.MoveTo(view, row);
        if (_vector is not null)
        {
            _vector(ref _buffer);
            var k = 0;
            foreach (var v in _buffer.DenseValues())
            {
                values[k++] = v;
            }

            return;
        }

        float y = 0;
        _value!(ref y);
        if (task == ModelTask.BinaryClassification)
        {
            values[0] = 1 - (double)y;
            values[1] = y;
        }
        else
        {
            values[0] = y;
        }
    }

    /// <summary>The input row the mapper pulls from; each move is a new position, so no getter serves a stale cached value.</summary>
    private sealed class InputRow(DataViewSchema schema) : DataViewRow, IRowPosition
    {
        private long _position = -1;

        public TableDataView View { get; private set; } = null!;

        public int Row { get; private set; }

        public override DataViewSchema Schema => schema;

        public override long Position => _position;

        public override long Batch => 0;

        public void MoveTo(TableDataView view, int row)
        {
            View = view;
            Row = row;
            _position++;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => TableDataView.Getter<TValue>(column, this);
    }
}
