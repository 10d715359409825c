namespace MlopsServerless.Http.Models;

/// <summary>Body of a stage change: the new stage (None, Staging, Production, Archived), why, and optionally who.</summary>
public sealed record StageChangeRequest(string Stage, string? Reason, string? Actor);
