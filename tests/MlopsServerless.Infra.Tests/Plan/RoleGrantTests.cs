using MlopsServerless.Infra.Plan;

namespace MlopsServerless.Infra.Tests.Plan;

public sealed class RoleGrantTests
{
    [Fact]
    public void For_AnyStack_GrantsExactlyTheRolesTheAppUses()
    {
        var roles = TestStack.Plan().Roles.Select(r => (r.Role.Name, r.Scope)).Order().ToList();

        Assert.Equal(
            [
                ("EventGrid Data Sender", RoleScope.EventsTopic),
                ("Monitoring Metrics Publisher", RoleScope.AppInsights),
                ("Storage Blob Data Owner", RoleScope.DataAccount),
                ("Storage Queue Data Contributor", RoleScope.DataAccount),
                ("Storage Table Data Contributor", RoleScope.DataAccount),
            ],
            roles);
    }

    [Fact]
    public void For_AnyStack_GivesTheAppsIdentityTableDataContributorOnTheDataAccountForTheRecordStore()
    {
        var plan = TestStack.Plan();

        var grant = Assert.Single(plan.Roles, r => r.Role == AzureRole.StorageTableDataContributor);

        Assert.Equal(RoleScope.DataAccount, grant.Scope);
        Assert.Contains(plan.AppSettings, s => s.Name == "MlopsStorage__tableServiceUri" && s.Value == SettingValue.From(EnvironmentOutput.DataTableEndpoint));
    }

    /// <summary>Azure's built-in role definition ids (learn.microsoft.com, "Azure built-in roles"), written out here so a
    /// typo in the program's constants fails.</summary>
    [Theory]
    [InlineData("Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b")]
    [InlineData("Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88")]
    [InlineData("Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")]
    [InlineData("EventGrid Data Sender", "d5a91429-5739-47e2-a06b-3470a27159e7")]
    [InlineData("Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb")]
    public void For_AnyStack_EveryRoleHasAzuresBuiltInDefinitionId(string role, string definitionId)
    {
        Assert.Equal(new Guid(definitionId), Assert.Single(TestStack.Plan().Roles, r => r.Role.Name == role).Role.DefinitionId);
    }

    [Fact]
    public void RoleScope_EveryValue_IsOneResourceNeverASubscriptionOrGroup()
    {
        Assert.Equal([RoleScope.DataAccount, RoleScope.EventsTopic, RoleScope.AppInsights], Enum.GetValues<RoleScope>());
    }

    [Fact]
    public void For_SameStackTwice_SameAssignmentNames()
    {
        Assert.Equal(
            TestStack.Plan().Roles.Select(r => r.AssignmentName),
            TestStack.Plan().Roles.Select(r => r.AssignmentName));
    }

    [Fact]
    public void For_TwoStacks_DistinctAssignmentNames()
    {
        var dev = EnvironmentPlan.For(TestStack.Settings("dev")).Roles.Select(r => r.AssignmentName);
        var prod = EnvironmentPlan.For(TestStack.Settings("prod")).Roles.Select(r => r.AssignmentName);

        var all = dev.Concat(prod).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public void DefinitionResourceId_ResourceGroupId_IsTheRoleInThatSubscription()
    {
        var id = AzureRole.EventGridDataSender.DefinitionResourceId("/subscriptions/1111/resourceGroups/rg-mlops-dev");

        Assert.Equal("/subscriptions/1111/providers/Microsoft.Authorization/roleDefinitions/d5a91429-5739-47e2-a06b-3470a27159e7", id);
    }

    [Theory]
    [InlineData("/subscriptions/1111")]
    [InlineData("rg-mlops-dev")]
    public void DefinitionResourceId_NotAResourceGroupId_Throws(string id)
    {
        Assert.Throws<ArgumentException>(() => AzureRole.StorageBlobDataOwner.DefinitionResourceId(id));
    }
}
