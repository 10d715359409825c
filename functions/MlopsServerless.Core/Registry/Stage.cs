namespace MlopsServerless.Core.Registry;

/// <summary>Where a model version is in its life. At most one version of a model is in Production.</summary>
public enum Stage
{
    /// <summary>Registered, not yet assigned.</summary>
    None,
    /// <summary>A candidate being checked before Production.</summary>
    Staging,
    /// <summary>The version that serves predictions.</summary>
    Production,
    /// <summary>Retired; kept for lineage and rollback.</summary>
    Archived,
}
