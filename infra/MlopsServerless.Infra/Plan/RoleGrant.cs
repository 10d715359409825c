namespace MlopsServerless.Infra.Plan;

/// <summary>A role the app's identity holds on one resource; <paramref name="AssignmentName"/> is a deterministic GUID.</summary>
public sealed record RoleGrant(AzureRole Role, RoleScope Scope, Guid AssignmentName)
{
    /// <summary>The logical (Pulumi) resource name of the assignment.</summary>
    public string LogicalName => $"role-{Scope}-{Role.Name.Replace(' ', '-')}".ToLowerInvariant();
}
