using System.Text.Json.Nodes;

namespace MlopsServerless.Cli.Tests.Support;

/// <summary>One customer's features as a predict call sends them, for the churn sample's model.</summary>
public static class ChurnCustomer
{
    public static JsonObject Create(JsonNode? tenure = null, string region = "south") => new()
    {
        ["tenure_months"] = tenure ?? 3,
        ["monthly_charges"] = 95.5,
        ["contract"] = "month-to-month",
        ["internet_service"] = "fiber",
        ["payment_method"] = "electronic-check",
        ["support_calls"] = 5,
        ["senior_citizen"] = false,
        ["has_partner"] = null,
        ["region"] = region,
        ["avg_daily_usage_gb"] = 3.1,
        ["satisfaction_score"] = 2,
    };
}
