using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Training.Gbdt;

namespace MlopsServerless.Core.Tests.Training.Gbdt;

/// <summary>Checks that every prediction layout of a gbdt model gives bit for bit what the table path gives.</summary>
internal static class GbdtLayouts
{
    /// <summary>
    /// <see cref="GbdtModel.Predict"/> on the table (the flat forest on binned rows) is the reference; the dense-row
    /// batch with the vector walk and with the scalar compact walk, on 1 and 2 threads, and one row at a time must
    /// equal it exactly.
    /// </summary>
    public static void AssertAllEqualTablePredictions(GbdtModel model, Table probe)
    {
        var expected = model.Predict(probe).Values;
        var rows = model.DenseRows(probe);
        foreach (var vectors in new[] { true, false })
        {
            foreach (var threads in new[] { 1, 2 })
            {
                var batch = new double[probe.RowCount * model.Width];
                model.PredictBatch(rows, batch, threads, vectors);
                Assert.Equal(expected, batch);
            }
        }

        var inputs = model.Signature.Inputs.Count;
        var single = new double[model.Width];
        for (var r = 0; r < probe.RowCount; r++)
        {
            model.PredictRow(rows.AsSpan(r * inputs, inputs), single);
            Assert.Equal(expected.AsSpan(r * model.Width, model.Width).ToArray(), single);
        }
    }
}
