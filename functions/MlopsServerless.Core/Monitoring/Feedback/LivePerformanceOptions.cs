namespace MlopsServerless.Core.Monitoring.Feedback;

/// <summary>The window and threshold of live metrics.</summary>
public sealed class LivePerformanceOptions
{
    /// <summary>How far back predictions and labels are joined. <value>Defaults to 7 days.</value></summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Most recent labelled predictions per version that count. <value>Defaults to 10,000.</value></summary>
    public int MaxLabelled { get; set; } = 10_000;

    /// <summary>Fewest labelled predictions before a version is judged at all. <value>Defaults to 30.</value></summary>
    public int MinLabelled { get; set; } = 30;

    /// <summary>
    /// Largest tolerated drop of a live metric below the version's test metric, relative to the test value (0.05 is 5 %;
    /// for error metrics such as rmse a rise counts as the drop). <value>Defaults to 0.05.</value>
    /// </summary>
    public double MaxRelativeDrop { get; set; } = 0.05;
}
