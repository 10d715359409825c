namespace MlopsServerless.Core;

/// <summary>The configuration sections the engine's options are bound from, in every host.</summary>
public static class MlopsSections
{
    public const string PredictionLog = "Mlops:PredictionLog";
    public const string Retraining = "Mlops:Retraining";
    public const string DriftMonitor = "Mlops:DriftMonitor";
    public const string LivePerformance = "Mlops:LivePerformance";
}
