using MlopsServerless.Infra.Plan;
using Pulumi.AzureNative.ApplicationInsights;
using Pulumi.AzureNative.Monitor;
using Pulumi.AzureNative.Monitor.Inputs;
using Pulumi.AzureNative.Resources;

namespace MlopsServerless.Infra.Stacks;

/// <summary>The e-mail action group and the metric alerts on Application Insights (only with an alert address).</summary>
public static class Alerts
{
    public static void Create(AlertPlan? plan, ResourceGroup group, Component appInsights)
    {
        if (plan is null)
        {
            return;
        }

        var actionGroup = new ActionGroup("alerts", new ActionGroupArgs
        {
            ActionGroupName = plan.ActionGroupName,
            ResourceGroupName = group.Name,
            Location = "global",
            GroupShortName = plan.ShortName,
            Enabled = true,
            EmailReceivers = { new EmailReceiverArgs { Name = "alert-email", EmailAddress = plan.EmailAddress, UseCommonAlertSchema = true } },
        });

        foreach (var rule in plan.Rules)
        {
            _ = new MetricAlert($"alert-{rule.Name}", new MetricAlertArgs
            {
                RuleName = $"{plan.ActionGroupName}-{rule.Name}",
                ResourceGroupName = group.Name,
                Location = "global",
                Description = rule.Description,
                Severity = rule.Severity,
                Enabled = true,
                AutoMitigate = true,
                Scopes = { appInsights.Id },
                EvaluationFrequency = MetricAlertRule.EvaluationFrequency,
                WindowSize = MetricAlertRule.WindowSize,
                Criteria = new MetricAlertSingleResourceMultipleMetricCriteriaArgs
                {
                    OdataType = "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
                    AllOf =
                    {
                        new MetricCriteriaArgs
                        {
                            CriterionType = "StaticThresholdCriterion",
                            Name = rule.Name,
                            MetricName = rule.MetricName,
                            MetricNamespace = MetricAlertRule.MetricNamespace,
                            Operator = rule.Operator,
                            Threshold = rule.Threshold,
                            TimeAggregation = rule.TimeAggregation,
                        },
                    },
                },
                Actions = { new MetricAlertActionArgs { ActionGroupId = actionGroup.Id } },
            });
        }
    }
}
