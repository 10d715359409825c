using MlopsServerless.Infra.Plan;

namespace MlopsServerless.Infra.Tests.CrossChecks;

public sealed class RoleCoverageCrossCheckTests
{
    private static readonly EnvironmentPlan Plan = TestStack.Plan();

    /// <summary>What a setting's service needs the identity to hold (Azure's documented role for each data-plane use);
    /// any of the listed roles is enough.</summary>
    private static IReadOnlyList<(string[] Roles, RoleScope Scope)> Needs(AppSetting setting) => setting switch
    {
        { Value: SettingValue.FromOutput { Output: EnvironmentOutput.DataBlobEndpoint } } =>
            [(["Storage Blob Data Owner", "Storage Blob Data Contributor"], RoleScope.DataAccount)],
        { Value: SettingValue.FromOutput { Output: EnvironmentOutput.DataQueueEndpoint } } =>
            [(["Storage Queue Data Contributor"], RoleScope.DataAccount)],
        { Value: SettingValue.FromOutput { Output: EnvironmentOutput.DataTableEndpoint } } =>
            [(["Storage Table Data Contributor"], RoleScope.DataAccount)],
        { Value: SettingValue.FromOutput { Output: EnvironmentOutput.EventsTopicEndpoint } } =>
            [(["EventGrid Data Sender"], RoleScope.EventsTopic)],
        { Name: "APPLICATIONINSIGHTS_AUTHENTICATION_STRING" } =>
            [(["Monitoring Metrics Publisher"], RoleScope.AppInsights)],
        _ => [],
    };

    [Fact]
    public void Roles_EveryServiceASettingPointsAt_IsGranted()
    {
        var missing = Plan.AppSettings
            .SelectMany(setting => Needs(setting).Select(need => (setting.Name, need.Roles, need.Scope)))
            .Where(need => !Plan.Roles.Any(grant => need.Roles.Contains(grant.Role.Name) && grant.Scope == need.Scope))
            .Select(need => $"{need.Name} needs {string.Join(" or ", need.Roles)} on {need.Scope}")
            .ToList();

        Assert.True(missing.Count == 0, string.Join("; ", missing));
    }

    [Fact]
    public void Roles_EveryGrant_IsNeededBySomeSetting()
    {
        var needed = Plan.AppSettings.SelectMany(Needs).ToList();

        Assert.All(Plan.Roles, grant =>
            Assert.Contains(needed, need => need.Roles.Contains(grant.Role.Name) && need.Scope == grant.Scope));
    }
}
