using System.Text.Json;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>
/// A trained <c>gbdt</c> model. Besides <see cref="Predict"/> on a table it offers an allocation-free fast path on dense
/// float rows (<see cref="PredictRow"/>, <see cref="PredictBatch(float[], double[], int)"/>): inputs in signature
/// order, numbers as they are, categories as <see cref="EncodeLevel"/> gives them, NaN for missing.
/// </summary>
public sealed class GbdtModel : TrainedModel
{
    private readonly GbdtBody _body;
    private readonly FlatForest _forest;
    private readonly CompactForest? _compact;
    private readonly VectorForest? _vector;
    private readonly Dictionary<string, int>[] _levelBins;

    /// <exception cref="MlopsException">InvalidArgument when the body does not fit the signature (a damaged file).</exception>
    public GbdtModel(ModelSignature signature, IReadOnlyDictionary<string, string> parameters, GbdtBody body)
    {
        if (body.Features.Count != signature.Inputs.Count || body.BaseScores.Length != body.TreesPerRound || body.TreesPerRound < 1)
        {
            throw MlopsException.InvalidArgument("The gbdt model file is damaged: its inputs, scores and signature disagree.");
        }

        Signature = signature;
        Parameters = parameters;
        _body = body;
        _forest = new FlatForest(body);
        _compact = CompactForest.TryBuild(body);
        _vector = VectorForest.TryBuild(body);
        _levelBins = body.Features
            .Select(f => f.Levels.Select((level, bin) => (level, bin)).ToDictionary(p => p.level, p => p.bin, StringComparer.Ordinal))
            .ToArray();
    }

    public override string Algorithm => GbdtTrainer.Name;

    public override ModelSignature Signature { get; }

    public override IReadOnlyDictionary<string, string> Parameters { get; }

    public override object Body => _body;

    /// <summary>The number of trees (rounds times outputs).</summary>
    public int TreeCount => _body.Trees.Count;

    /// <summary>Values per prediction: the class count, or 1 for regression.</summary>
    public int Width => Signature.Task == ModelTask.Regression ? 1 : Signature.Classes.Count;

    /// <inheritdoc />
    /// <exception cref="MlopsException">NotFound when an input column is absent; InvalidArgument when its kind changed.</exception>
    public override Predictions Predict(Table features)
    {
        var matrix = BinnedMatrix.Build(features, _body.Features, Environment.ProcessorCount);
        var rows = features.RowCount;
        var width = Width;
        var values = new double[rows * width];
        const int chunk = 4096;
        Parallel.For(0, (rows + chunk - 1) / chunk, c =>
        {
            Span<double> margins = stackalloc double[_body.TreesPerRound];
            for (var row = c * chunk; row < Math.Min(rows, (c + 1) * chunk); row++)
            {
                _body.BaseScores.CopyTo(margins);
                _forest.AddBinned(matrix, row, margins);
                GbdtObjective.Transform(Signature.Task, margins, values.AsSpan(row * width, width));
            }
        });
        return new Predictions(Signature.Task, Signature.Classes, rows, values);
    }

    /// <summary>The fast-path code of a categorical input's level: its bin, or NaN when missing or unseen in training.</summary>
    public float EncodeLevel(int feature, string? level) =>
        level is not null && _levelBins[feature].TryGetValue(level, out var bin) ? bin : float.NaN;

    /// <summary>
    /// The rows of <paramref name="table"/> as dense float rows for <see cref="PredictRow"/> and
    /// <see cref="PredictBatch(float[], double[], int)"/>: inputs in signature order, numbers as they are, categories as
    /// <see cref="EncodeLevel"/> gives them, NaN for missing.
    /// </summary>
    /// <exception cref="MlopsException">NotFound when the table lacks an input.</exception>
    public float[] DenseRows(Table table)
    {
        var inputs = Signature.Inputs;
        var rows = new float[table.RowCount * inputs.Count];
        for (var f = 0; f < inputs.Count; f++)
        {
            var column = table[inputs[f].Name];
            if (column is CategoricalColumn categorical)
            {
                // Each of the table's levels is looked up once, not once per row.
                var missing = EncodeLevel(f, null);
                var encoded = categorical.Levels.Select(level => EncodeLevel(f, level)).ToArray();
                for (var r = 0; r < table.RowCount; r++)
                {
                    var code = categorical.Codes[r];
                    rows[(r * inputs.Count) + f] = code < 0 ? missing : encoded[code];
                }
            }
            else
            {
                var values = ((NumericColumn)column).Values;
                for (var r = 0; r < table.RowCount; r++)
                {
                    rows[(r * inputs.Count) + f] = (float)values[r];
                }
            }
        }

        return rows;
    }

    /// <summary>
    /// Predicts one dense row (one float per input, in signature order) into <paramref name="output"/>
    /// (<see cref="Width"/> values: probabilities in class order, or the value). Allocates nothing.
    /// </summary>
    /// <exception cref="MlopsException">InvalidArgument when the row or output has the wrong length.</exception>
    public void PredictRow(ReadOnlySpan<float> row, Span<double> output)
    {
        if (row.Length != _body.Features.Count || output.Length < Width)
        {
            throw MlopsException.InvalidArgument(
                $"A gbdt row needs {_body.Features.Count} inputs and room for {Width} outputs; got {row.Length} and {output.Length}.");
        }

        Span<double> margins = stackalloc double[_body.TreesPerRound];
        _body.BaseScores.CopyTo(margins);
        if (_compact is not null && _compact.Width <= MaxStackCells)
        {
            Span<float> cells = stackalloc float[_compact.Width];
            _compact.Prepare(row, cells);
            _compact.AddRow(cells, margins);
        }
        else
        {
            _forest.AddRaw(row, margins);
        }

        GbdtObjective.Transform(Signature.Task, margins, output);
    }

    // Prepared rows of at most this many cells live on the stack; wider models walk the raw rows instead.
    private const int MaxStackCells = 8192;

    /// <summary>
    /// Predicts dense rows stored one after another in <paramref name="rows"/> into <paramref name="output"/>
    /// (<see cref="Width"/> values per row), on up to <paramref name="threads"/> threads (0 = processor count).
    /// </summary>
    /// <exception cref="MlopsException">InvalidArgument when the arrays do not hold whole rows.</exception>
    public void PredictBatch(float[] rows, double[] output, int threads = 0) => PredictBatch(rows, output, threads, vectors: true);

    /// <summary>
    /// <see cref="PredictBatch(float[], double[], int)"/>; <paramref name="vectors"/> false keeps the scalar walk even
    /// where the vector walk is supported (so tests cover both on one machine).
    /// </summary>
    internal void PredictBatch(float[] rows, double[] output, int threads, bool vectors)
    {
        var inputs = _body.Features.Count;
        var count = inputs == 0 ? 0 : rows.Length / inputs;
        if (rows.Length != count * inputs || output.Length < count * Width)
        {
            throw MlopsException.InvalidArgument($"A gbdt batch needs whole rows of {inputs} inputs and {Width} outputs per row.");
        }

        var width = Width;
        var perRound = _body.TreesPerRound;
        var compact = _compact;
        var vector = vectors ? _vector : null;
        var degree = threads > 0 ? threads : Environment.ProcessorCount;
        var options = new ParallelOptions { MaxDegreeOfParallelism = degree };

        // At least four chunks per thread so that small batches still spread evenly (20,000 rows in 4,096-row chunks
        // left one of two threads idle for a fifth of the time); a multiple of every block size, at most 4,096 rows.
        var chunk = Math.Clamp((count / (4 * degree) + 255) / 256 * 256, 256, 4096);
        Parallel.For(0, (count + chunk - 1) / chunk, options, c =>
        {
            var last = Math.Min(count, (c + 1) * chunk);
            if (vector is not null)
            {
                PredictVectorChunk(vector, rows, output, c * chunk, last);
                return;
            }

            var blockRows = compact is null ? FlatForest.BlockRows : CompactForest.BlockRows;
            var margins = new double[blockRows * perRound];
            var cellWidth = compact?.Width ?? 0;
            var cells = new float[blockRows * cellWidth];
            for (var first = c * chunk; first < last; first += blockRows)
            {
                var block = Math.Min(blockRows, count - first);
                for (var r = 0; r < block; r++)
                {
                    _body.BaseScores.CopyTo(margins.AsSpan(r * perRound));
                }

                var raw = rows.AsSpan(first * inputs, block * inputs);
                if (compact is null)
                {
                    _forest.AddRawBlock(raw, inputs, block, margins, perRound);
                }
                else
                {
                    for (var r = 0; r < block; r++)
                    {
                        compact.Prepare(raw.Slice(r * inputs, inputs), cells.AsSpan(r * cellWidth, cellWidth));
                    }

                    compact.AddBlock(cells, block, margins, perRound);
                }

                for (var r = 0; r < block; r++)
                {
                    GbdtObjective.Transform(
                        Signature.Task, margins.AsSpan(r * perRound, perRound), output.AsSpan((first + r) * width, width));
                }
            }
        });
    }

    /// <summary>Predicts rows [<paramref name="start"/>, <paramref name="end"/>) with the vector walk.</summary>
    private void PredictVectorChunk(VectorForest vector, float[] rows, double[] output, int start, int end)
    {
        const int blockRows = VectorForest.BlockRows;
        var inputs = _body.Features.Count;
        var width = Width;
        var perRound = _body.TreesPerRound;
        var block = new AlignedBuffer<float>(vector.BlockCells);
        var buffer = new AlignedBuffer<double>(perRound * blockRows);
        var margins = buffer.Span; // output-major: output o of row r at o * blockRows + r
        Span<double> row = stackalloc double[perRound];
        for (var first = start; first < end; first += blockRows)
        {
            var count = Math.Min(blockRows, end - first);
            vector.Prepare(rows.AsSpan(first * inputs, count * inputs), count, block);
            for (var o = 0; o < perRound; o++)
            {
                margins.Slice(o * blockRows, blockRows).Fill(_body.BaseScores[o]);
            }

            vector.AddBlock(block, buffer);
            for (var r = 0; r < count; r++)
            {
                for (var o = 0; o < perRound; o++)
                {
                    row[o] = margins[(o * blockRows) + r];
                }

                GbdtObjective.Transform(Signature.Task, row, output.AsSpan((first + r) * width, width));
            }
        }
    }

    /// <summary>Reads a model from its file envelope (the <see cref="TrainerCatalog"/> reader).</summary>
    internal static GbdtModel Read(ModelEnvelope envelope)
    {
        var body = envelope.Body.Deserialize<GbdtBody>(ModelFormat.JsonOptions)
            ?? throw MlopsException.InvalidArgument("The gbdt model file has no body.");
        return new GbdtModel(envelope.Signature, envelope.Parameters, body);
    }
}
