namespace MlopsServerless.Core.Monitoring.Retraining;

/// <summary>What the trigger did with a signal.</summary>
public enum RetrainingOutcome
{
    /// <summary>A retraining run was started.</summary>
    Started,

    /// <summary>A run was started within the cooldown window (by this or a concurrent trigger); nothing started.</summary>
    Suppressed,

    /// <summary>Retraining is switched off.</summary>
    Disabled,

    /// <summary>Starting the run failed; the window stays open for the next signal.</summary>
    Failed,
}
