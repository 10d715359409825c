namespace MlopsServerless.Infra.Plan;

/// <summary>The lifecycle rule that deletes prediction-log blobs after a number of days.</summary>
/// <remarks>Prediction logs live at <c>monitoring/{model}/predictions/</c>, next to <c>monitoring/{model}/reports/</c>;
/// a lifecycle prefix cannot skip the model segment, so a prefix alone would also delete drift reports. The rule therefore
/// also requires the blob index tag <see cref="TagName"/> = <see cref="TagValue"/>, which the app's blob store sets when
/// it creates a prediction-log blob (Core's <c>StorageLayout.PredictionLogTag</c>; a blob created before that tag was set
/// is never deleted by this rule, only by the app's own retention pass).</remarks>
public sealed record PredictionLogRetentionRule(
    string Name,
    string PrefixMatch,
    IReadOnlyList<string> BlobTypes,
    string TagName,
    string TagValue,
    int DaysAfterModification)
{
    public const string DefaultTagName = "mlops-kind";
    public const string DefaultTagValue = "prediction-log";

    public static PredictionLogRetentionRule For(ResourceNames names, StackSettings settings) => new(
        Name: "expire-prediction-logs",
        PrefixMatch: $"{names.DataContainer}/monitoring/",
        BlobTypes: ["blockBlob", "appendBlob"],
        TagName: DefaultTagName,
        TagValue: DefaultTagValue,
        DaysAfterModification: settings.PredictionLogRetentionDays);

    /// <summary>Whether the rule would delete this blob (by path and tag; age aside).</summary>
    public bool Matches(string container, string blobName, IReadOnlyDictionary<string, string> tags) =>
        $"{container}/{blobName}".StartsWith(PrefixMatch, StringComparison.Ordinal) &&
        tags.TryGetValue(TagName, out var value) && value == TagValue;
}
