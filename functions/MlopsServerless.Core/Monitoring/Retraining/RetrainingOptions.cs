namespace MlopsServerless.Core.Monitoring.Retraining;

/// <summary>When a drift or performance signal may start a retraining run.</summary>
public sealed class RetrainingOptions
{
    /// <summary>Whether signals start runs at all; when false every decision is recorded as Disabled. <value>Defaults to true.</value></summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Least time between two retraining runs of one model, measured from the last one started. <value>Defaults to 24 hours.</value></summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromHours(24);
}
