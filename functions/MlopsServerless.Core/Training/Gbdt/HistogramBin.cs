namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>The gradient sum, hessian sum and row count of one bin of one feature in one node.</summary>
// G and H must stay first and adjacent: the histogram loop adds a row to both as one 16-byte vector.
internal struct HistogramBin
{
    public double G;
    public double H;
    public int Count;
}
