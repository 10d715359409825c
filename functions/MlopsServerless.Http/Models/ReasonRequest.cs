namespace MlopsServerless.Http.Models;

/// <summary>Body of an alias change or rollback: why, and optionally who.</summary>
public sealed record ReasonRequest(string? Reason, string? Actor);
