namespace MlopsServerless.Core.Monitoring.Checks;

/// <summary>One model's part of a <see cref="MonitoringSweep"/>: its pass, or why the check failed.</summary>
public sealed record MonitoringSweepResult(string Model, MonitoringPass? Pass, string? Failure);
