using System.Text.RegularExpressions;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Azure.Storage;

/// <summary>
/// Where <see cref="BlobObjectStore"/> keeps objects: one container of one storage account, reached either with a
/// connection string (Azurite, shared keys) or with <see cref="AccountUri"/> and the managed identity / developer
/// login found by DefaultAzureCredential. Set exactly one of the two.
/// </summary>
public sealed partial record BlobStoreOptions
{
    /// <summary>The default container name.</summary>
    public const string DefaultContainer = "mlops";

    /// <summary>A storage connection string. A secret: never logged, and left out of <see cref="ToString"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob endpoint, for example https://account.blob.core.windows.net, used with DefaultAzureCredential.</summary>
    public Uri? AccountUri { get; set; }

    /// <summary>The container holding every object; created when absent.</summary>
    /// <value>Defaults to "mlops".</value>
    public string Container { get; set; } = DefaultContainer;

    /// <summary>Checks the options and says what to fix.</summary>
    /// <exception cref="MlopsException">InvalidArgument naming the setting that is wrong.</exception>
    public void Validate()
    {
        StorageAccountConnection.Validate("Blob storage", ConnectionString, nameof(AccountUri), AccountUri, "https://<account>.blob.core.windows.net");

        if (Container is null || !ContainerPattern().IsMatch(Container) || Container.Contains("--", StringComparison.Ordinal))
        {
            throw MlopsException.InvalidArgument(
                $"Blob storage: container '{Container}' is not a valid name: use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.");
        }
    }

    // Records print every property by default; the connection string holds the account key.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("ConnectionString = ").Append(ConnectionString is null ? "(none)" : "(set, hidden)")
            .Append(", AccountUri = ").Append(AccountUri)
            .Append(", Container = ").Append(Container);
        return true;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerPattern();
}
