namespace MlopsServerless.Core.Monitoring.Retraining;

/// <summary>What a retraining signal reports.</summary>
public enum RetrainingSignalKind
{
    /// <summary>Live inputs drifted from the training profile.</summary>
    Drift,

    /// <summary>Live metrics fell below the version's test metrics.</summary>
    PerformanceDrop,
}
