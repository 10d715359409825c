namespace MlopsServerless.Core.Registry;

/// <summary>The outcome of a stage change: the version's old and new stage and the version it took Production from.</summary>
public sealed record StageChange(string Model, int Version, Stage From, Stage To, int? ReplacedProduction, bool Changed);
