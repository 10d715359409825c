namespace MlopsServerless.Core.Monitoring.PredictionLogging;

/// <summary>
/// A logged prediction in the prediction-id index (table <c>predictions</c>, partition = model, row = prediction id):
/// what feedback needs without reading the hourly log, the version that answered and when.
/// </summary>
public sealed record PredictionIndexEntry(int Version, DateTimeOffset Time);
