namespace MlopsServerless.Cli.Hosting;

/// <summary>How often <c>mlops serve</c> runs the monitoring pass (section <c>Mlops:DriftSchedule</c>, or MLOPS_DRIFT_INTERVAL_MINUTES).</summary>
internal sealed class DriftScheduleOptions
{
    /// <summary>Minutes between two passes. <value>Defaults to 60.</value></summary>
    public int IntervalMinutes { get; set; } = 60;
}
