namespace MlopsServerless.Core.Monitoring.Feedback;

/// <summary>A live metric fell further below the test metric than allowed: the signal for a retraining trigger.</summary>
public sealed record PerformanceDrop(int Version, string Metric, double Test, double Live, double RelativeDrop, double Threshold, int Labelled, string Reason);
