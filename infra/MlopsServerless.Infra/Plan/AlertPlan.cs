namespace MlopsServerless.Infra.Plan;

/// <summary>Alerts by e-mail, present only when the stack sets an alert address.</summary>
public sealed record AlertPlan(string ActionGroupName, string ShortName, string EmailAddress, IReadOnlyList<MetricAlertRule> Rules)
{
    public static AlertPlan? For(StackSettings settings, ResourceNames names) => settings.AlertEmail is null
        ? null
        : new AlertPlan(
            ActionGroupName: names.ActionGroup,
            ShortName: settings.NamePrefix,
            EmailAddress: settings.AlertEmail,
            Rules:
            [
                new("failed-requests", "HTTP requests to the function app failed (predictions, registry, pipelines).",
                    "requests/failed", "GreaterThan", 5, "Count", 2),
                new("exceptions", "The function app threw exceptions (triggers, orchestrations, activities).",
                    "exceptions/count", "GreaterThan", 10, "Count", 3),
            ]);
}
