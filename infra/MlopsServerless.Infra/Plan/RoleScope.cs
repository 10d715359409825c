namespace MlopsServerless.Infra.Plan;

/// <summary>The single resources a role is granted on. There is deliberately no subscription or resource-group scope.</summary>
public enum RoleScope
{
    DataAccount,
    EventsTopic,
    AppInsights,
}
