using System.Security.Cryptography;

namespace MlopsServerless.Infra.Plan;

/// <summary>How the Functions package reaches the app within one <c>pulumi up</c>: a local command deploys the zip with
/// OneDeploy (<c>az functionapp deployment source config-zip</c>, the Flex Consumption path) and waits until the host
/// has created its blob extension key; the Event Grid subscription is declared after it.</summary>
/// <remarks>Not a <c>Storage.Blob</c> resource: the provider uploads blobs with the account key (pulumi-azure-native
/// #2015), which this account refuses. The command runs with the deployer's <c>az login</c>.</remarks>
public sealed record PackageDeploymentPlan(string PackagePath, string PackageSha256)
{
    /// <summary>Environment variable names the script reads; values are passed through them, never spliced into it.</summary>
    public const string ResourceGroupVariable = "MLOPS_RESOURCE_GROUP";
    public const string AppVariable = "MLOPS_FUNCTION_APP";
    public const string PackageVariable = "MLOPS_PACKAGE";

    /// <summary>Polls 60 times, 10 s apart. The key is only tested for presence; nothing it prints reaches stdout.</summary>
    public const string Script =
        "set -eu\n" +
        "az functionapp deployment source config-zip --resource-group \"$MLOPS_RESOURCE_GROUP\" --name \"$MLOPS_FUNCTION_APP\" --src \"$MLOPS_PACKAGE\" --output none\n" +
        "i=0\n" +
        "while [ $i -lt 60 ]; do\n" +
        "  if az functionapp keys list --resource-group \"$MLOPS_RESOURCE_GROUP\" --name \"$MLOPS_FUNCTION_APP\" --query \"systemKeys.blobs_extension\" --output tsv 2>/dev/null | grep -q .; then exit 0; fi\n" +
        "  i=$((i + 1)); sleep 10\n" +
        "done\n" +
        "echo \"the app did not create its blobs_extension key within 10 minutes; check that the Ingest function started, then run pulumi up again\" >&2\n" +
        "exit 1\n";

    /// <summary>Fingerprints the package at <paramref name="packagePath"/>, relative to <paramref name="programDirectory"/>;
    /// a changed fingerprint redeploys.</summary>
    public static PackageDeploymentPlan For(string programDirectory, string packagePath)
    {
        var full = Path.GetFullPath(Path.Combine(programDirectory, packagePath));
        if (!File.Exists(full))
        {
            throw new InvalidStackConfigException(
            [
                $"the Functions package {full} does not exist: run eng/package-functions.sh first, or point {StackConfigKeys.Namespace}:{StackConfigKeys.PackagePath} at the zip.",
            ]);
        }

        using var stream = File.OpenRead(full);
        return new PackageDeploymentPlan(full, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }
}
