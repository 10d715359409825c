using MlopsServerless.Infra.Plan;
using Pulumi;
using Pulumi.AzureNative.Resources;
using Pulumi.AzureNative.Storage;
using Pulumi.AzureNative.Storage.Inputs;

namespace MlopsServerless.Infra.Stacks;

/// <summary>The data account (also the host's storage and the deployment storage), its containers and retention rule.</summary>
public sealed record DataStorage(StorageAccount Account, BlobContainer DataContainer, BlobContainer DeploymentContainer)
{
    public Output<string> BlobEndpoint => Account.PrimaryEndpoints.Apply(e => e.Blob);

    public Output<string> QueueEndpoint => Account.PrimaryEndpoints.Apply(e => e.Queue);

    public Output<string> TableEndpoint => Account.PrimaryEndpoints.Apply(e => e.Table);

    public static DataStorage Create(EnvironmentPlan plan, ResourceGroup group)
    {
        var security = plan.Security;
        var account = new StorageAccount("data", new StorageAccountArgs
        {
            AccountName = plan.Names.DataAccount,
            ResourceGroupName = group.Name,
            Location = group.Location,
            Kind = "StorageV2",
            Sku = new SkuArgs { Name = "Standard_LRS" },
            AllowBlobPublicAccess = security.AllowBlobPublicAccess,
            AllowSharedKeyAccess = security.AllowSharedKeyAccess,
            MinimumTlsVersion = security.StorageMinimumTlsVersion,
            EnableHttpsTrafficOnly = security.StorageHttpsTrafficOnly,
            DefaultToOAuthAuthentication = security.DefaultToOAuthAuthentication,
        });

        var dataContainer = Container("data", plan.Names.DataContainer, account, group);
        var deploymentContainer = Container("deployment", plan.Names.DeploymentContainer, account, group);

        var rule = plan.PredictionLogRetention;
        _ = new ManagementPolicy("retention", new ManagementPolicyArgs
        {
            AccountName = account.Name,
            ResourceGroupName = group.Name,
            ManagementPolicyName = "default",
            Policy = new ManagementPolicySchemaArgs
            {
                Rules =
                {
                    new ManagementPolicyRuleArgs
                    {
                        Name = rule.Name,
                        Enabled = true,
                        Type = "Lifecycle",
                        Definition = new ManagementPolicyDefinitionArgs
                        {
                            Actions = new ManagementPolicyActionArgs
                            {
                                BaseBlob = new ManagementPolicyBaseBlobArgs
                                {
                                    Delete = new DateAfterModificationArgs { DaysAfterModificationGreaterThan = rule.DaysAfterModification },
                                },
                            },
                            Filters = new ManagementPolicyFilterArgs
                            {
                                BlobTypes = rule.BlobTypes.ToList(),
                                PrefixMatch = { rule.PrefixMatch },
                                BlobIndexMatch = { new TagFilterArgs { Name = rule.TagName, Op = "==", Value = rule.TagValue } },
                            },
                        },
                    },
                },
            },
        }, new CustomResourceOptions { DependsOn = { dataContainer } });

        return new DataStorage(account, dataContainer, deploymentContainer);
    }

    private static BlobContainer Container(string logicalName, string name, StorageAccount account, ResourceGroup group) =>
        new(logicalName, new BlobContainerArgs
        {
            AccountName = account.Name,
            ResourceGroupName = group.Name,
            ContainerName = name,
            PublicAccess = PublicAccess.None,
        });
}
