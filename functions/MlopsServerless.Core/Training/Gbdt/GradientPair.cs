namespace MlopsServerless.Core.Training.Gbdt;

/// <summary>One row's gradient and hessian side by side, so the histogram loop reads both from one cache line.</summary>
internal struct GradientPair
{
    public float G;
    public float H;
}
