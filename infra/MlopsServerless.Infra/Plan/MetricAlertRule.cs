namespace MlopsServerless.Infra.Plan;

/// <summary>A static-threshold metric alert on Application Insights, evaluated every 5 minutes over 15.</summary>
public sealed record MetricAlertRule(
    string Name,
    string Description,
    string MetricName,
    string Operator,
    double Threshold,
    string TimeAggregation,
    int Severity)
{
    public const string EvaluationFrequency = "PT5M";
    public const string WindowSize = "PT15M";
    public const string MetricNamespace = "microsoft.insights/components";
}
