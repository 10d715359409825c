using MlopsServerless.Core.Datasets;

namespace MlopsServerless.Core.Training;

/// <summary>One input a model expects: its name and kind. Every input may be missing (null) at prediction time.</summary>
public sealed record FeatureSpec(string Name, ColumnKind Kind);
