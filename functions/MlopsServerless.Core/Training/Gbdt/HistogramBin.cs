namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>The gradient sum, hessian sum and row count of one bin of one feature in one node.</summary>
internal struct HistogramBin
{
    public double G;
    public double H;
    public int Count;
}
