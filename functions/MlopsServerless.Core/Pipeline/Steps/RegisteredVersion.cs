using MlopsServerless.Core.Registry;

namespace MlopsServerless.Core.Pipeline.Steps;

/// <summary>The model version a run registered and the stage it is in.</summary>
public sealed record RegisteredVersion(string Model, int Version, Stage Stage);
