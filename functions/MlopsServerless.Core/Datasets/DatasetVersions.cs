namespace MlopsServerless.Core.Datasets;

/// <summary>How dataset version ids are made: content addresses, so equal bytes are one version.</summary>
public static class DatasetVersions
{
    /// <summary>Hex digits of the SHA-256 kept in a version id: 64 bits, no collision in any realistic dataset history.</summary>
    public const int IdLength = 16;

    /// <summary>The version id for content with SHA-256 <paramref name="sha256Hex"/>.</summary>
    public static string IdOf(string sha256Hex) => sha256Hex[..IdLength];
}
