namespace MlopsServerless.Core.Datasets;

/// <summary>
/// What a dataset's uploads must satisfy, kept at <c>datasets/{dataset}/contract.json</c>. Without one, the label is a
/// column called "label".
/// </summary>
/// <param name="Label">The column the models predict. Defaults to "label".</param>
/// <param name="MinRows">Fewest data rows an upload may have. Defaults to 20.</param>
public sealed record DatasetContract(string Label = DatasetContract.DefaultLabel, int MinRows = 20)
{
    public const string DefaultLabel = "label";
}
