using MlopsServerless.Infra.Plan;
using Pulumi;
using Pulumi.AzureNative.ApplicationInsights;
using Pulumi.AzureNative.Authorization;
using Pulumi.AzureNative.EventGrid;
using Pulumi.AzureNative.ManagedIdentity;
using Pulumi.AzureNative.Resources;
using Pulumi.AzureNative.Storage;

namespace MlopsServerless.Infra.Stacks;

/// <summary>The app's user-assigned identity and its role assignments, each on one resource.</summary>
public sealed record AppIdentity(UserAssignedIdentity Identity, IReadOnlyList<RoleAssignment> Assignments)
{
    public static AppIdentity Create(EnvironmentPlan plan, ResourceGroup group, StorageAccount account, Topic eventsTopic, Component appInsights)
    {
        var identity = new UserAssignedIdentity("app", new UserAssignedIdentityArgs
        {
            ResourceName = plan.Names.Identity,
            ResourceGroupName = group.Name,
            Location = group.Location,
        });

        var assignments = plan.Roles.Select(grant => new RoleAssignment(grant.LogicalName, new RoleAssignmentArgs
        {
            RoleAssignmentName = grant.AssignmentName.ToString("D"),
            Scope = grant.Scope switch
            {
                RoleScope.DataAccount => account.Id,
                RoleScope.EventsTopic => eventsTopic.Id,
                RoleScope.AppInsights => appInsights.Id,
                _ => throw new InvalidOperationException($"no resource for role scope {grant.Scope}"),
            },
            RoleDefinitionId = group.Id.Apply(grant.Role.DefinitionResourceId),
            PrincipalId = identity.PrincipalId,
            PrincipalType = "ServicePrincipal",
        })).ToList();

        return new AppIdentity(identity, assignments);
    }
}
