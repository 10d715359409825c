namespace MlopsServerless.Http.Health;

/// <summary>The health answer.</summary>
public sealed record HealthStatus(string Status, string? CodeVersion);
