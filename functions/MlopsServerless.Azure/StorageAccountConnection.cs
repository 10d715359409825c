using MlopsServerless.Core.Errors;

namespace MlopsServerless.Azure;

/// <summary>The rule every storage client's options share: a connection string (local) or an endpoint (managed identity), exactly one.</summary>
internal static class StorageAccountConnection
{
    /// <summary>Checks that exactly one of <paramref name="connectionString"/> and <paramref name="endpoint"/> is set, and the endpoint's form.</summary>
    /// <exception cref="MlopsException">InvalidArgument naming the setting that is wrong.</exception>
    public static void Validate(string service, string? connectionString, string endpointName, Uri? endpoint, string endpointExample)
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(connectionString);
        if (hasConnectionString == (endpoint is not null))
        {
            throw MlopsException.InvalidArgument(hasConnectionString
                ? $"{service}: set either ConnectionString or {endpointName}, not both."
                : $"{service}: set ConnectionString (for example Azurite's) or {endpointName} ({endpointExample}, signed in with a managed identity).");
        }

        if (endpoint is { } uri && (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)))
        {
            throw MlopsException.InvalidArgument(
                $"{service}: {endpointName} '{uri}' must be an absolute https:// address (plain http only on loopback).");
        }
    }
}
