using MlopsServerless.Core.Monitoring;

namespace MlopsServerless.Http.Monitoring;

/// <summary>GET /api/monitoring/policy: the thresholds drift reports are judged by, so a reader sees each feature's value against its limit.</summary>
public sealed record DriftPolicyResponse(
    int SmallSampleLimit,
    int MinimumRows,
    double KsPValueThreshold,
    double ChiSquarePValueThreshold,
    double WassersteinThreshold,
    double JensenShannonThreshold,
    double PsiDriftThreshold,
    double PsiWarningThreshold,
    double DriftShareThreshold)
{
    public static DriftPolicyResponse Of(DriftPolicy p) =>
        new(p.SmallSampleLimit, p.MinimumRows, p.KsPValueThreshold, p.ChiSquarePValueThreshold, p.WassersteinThreshold, p.JensenShannonThreshold, p.PsiDriftThreshold, p.PsiWarningThreshold, p.DriftShareThreshold);
}
