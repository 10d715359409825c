namespace MlopsServerless.Core.Monitoring.Checks;

/// <summary>How a model's scheduled drift check reads its prediction log.</summary>
public sealed class DriftMonitorOptions
{
    /// <summary>How far back the check reads logged predictions. <value>Defaults to 24 hours.</value></summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Most logged rows one check reads (the oldest in the window first), to bound memory. <value>Defaults to 1,000,000.</value></summary>
    public int MaxRows { get; set; } = 1_000_000;

    /// <summary>Statistics, thresholds and minimum sample size. <value>Defaults to <see cref="DriftPolicy"/>'s defaults.</value></summary>
    public DriftPolicy Policy { get; set; } = new();
}
