using System.Globalization;
using MlopsServerless.Core.Storage.Records;

namespace MlopsServerless.Core.Monitoring.PredictionLogging;

/// <summary>
/// A logged prediction in the prediction-id index (table <c>predictions</c>, partition = model, row = prediction id):
/// what feedback needs without reading the hourly log, the version that answered and when. The index's layout lives
/// here: the log writes entries, feedback reads them and retention deletes them through these members.
/// </summary>
public sealed record PredictionIndexEntry(int Version, DateTimeOffset Time)
{
    /// <summary>The index record of prediction <paramref name="predictionId"/> of <paramref name="model"/>.</summary>
    public static Record Of(string model, string predictionId, int version, DateTimeOffset time) =>
        RecordStoreExtensions.ToRecord(model, predictionId, new PredictionIndexEntry(version, time));

    /// <summary>The version that made prediction <paramref name="predictionId"/> of <paramref name="model"/>, or null when the index has no entry.</summary>
    public static async Task<int?> FindVersionAsync(IRecordStore records, string model, string predictionId, CancellationToken cancellationToken) =>
        (await records.GetJsonAsync<PredictionIndexEntry>(RecordTables.Predictions, model, predictionId, cancellationToken).ConfigureAwait(false))?.Value.Version;

    /// <summary>
    /// The entries of <paramref name="model"/> logged before <paramref name="time"/>, as one row-key range: an id is a
    /// version 7 GUID (<see cref="PredictionLog.NewId(DateTimeOffset)"/>) whose first 12 hex digits are its time in
    /// Unix milliseconds.
    /// </summary>
    public static RecordQuery LoggedBefore(string model, DateTimeOffset time) =>
        new(RecordKeys.Key(model, "Model")) { RowKeyTo = time.ToUnixTimeMilliseconds().ToString("x12", CultureInfo.InvariantCulture) };
}
