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
