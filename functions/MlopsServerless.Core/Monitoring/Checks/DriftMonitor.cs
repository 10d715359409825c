using System.Globalization;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Monitoring.Retraining;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Monitoring.Checks;

/// <summary>
/// The monitoring half of the loop: compares what the Production version was asked (its logged inputs, and its
/// outputs) over the window with the training profile stored at registration, stores the drift report under
/// <c>monitoring/{model}/reports/</c>, and hands a drifted verdict to the retraining trigger (which publishes
/// DriftDetected and, outside its cooldown, starts a run). Run by the timer function in Azure and by
/// <c>mlops serve</c>'s schedule, <c>mlops drift check</c> and <c>POST /api/monitoring/{model}/drift/checks</c>.
/// </summary>
public sealed class DriftMonitor(
    IObjectStore store,
    ModelRegistry registry,
    PredictionLogReader log,
    RetrainingTrigger retraining,
    IOptions<DriftMonitorOptions> options,
    TimeProvider time)
{
    /// <summary>Checks <paramref name="model"/>'s Production version now.</summary>
    /// <exception cref="MlopsException">NotFound for an unknown model; FailedPrecondition when nothing is in Production or
    /// the version has no training profile.</exception>
    public async Task<DriftCheck> CheckAsync(string model, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var version = await ModelSelector.Production.ResolveAsync(registry, model, cancellationToken).ConfigureAwait(false);
        var reference = await registry.ReadFileAsync(model, version.Version, ModelFiles.Profile, b => DriftReference.FromJson(b.Span), cancellationToken).ConfigureAwait(false)
            ?? throw MlopsException.FailedPrecondition($"Model '{model}' version {version.Version} has no training profile ({ModelFiles.Profile}); retrain it to monitor drift.");
        var signature = await registry.ReadFileAsync(model, version.Version, ModelFiles.Signature, b => MlopsJson.Deserialize<ModelSignature>(b.Span, ModelFiles.Signature), cancellationToken)
            .ConfigureAwait(false)
            ?? throw MlopsException.FailedPrecondition($"Model '{model}' version {version.Version} has no signature.");

        var to = time.GetUtcNow();
        var from = to - settings.Window;
        var current = await LoggedTableAsync(model, version.Version, signature, from, to, settings.MaxRows, cancellationToken).ConfigureAwait(false);
        var report = DriftAnalyzer.Compare(reference, current, settings.Policy) with
        {
            ModelId = $"{model}:{version.Version.ToString(CultureInfo.InvariantCulture)}",
            DatasetId = $"{version.Dataset}:{version.DatasetVersion}",
        };

        var key = StorageLayout.DriftReport(model, to);
        await store.PutAsync(key, report.ToJson(), WriteCondition.None, cancellationToken).ConfigureAwait(false);
        RetrainingDecision? decision = null;
        if (report.Verdict == DriftVerdict.Drifted)
        {
            var drifted = report.Features.Where(f => f.Verdict == DriftVerdict.Drifted).Select(f => f.Name);
            var reason = $"{report.DriftedFeatures} of {report.Features.Count} features drifted ({string.Join(", ", drifted)}) over {report.CurrentRows} logged rows; report {key}";
            decision = await retraining.ConsiderAsync(new RetrainingSignal(model, RetrainingSignalKind.Drift, reason, to), cancellationToken).ConfigureAwait(false);
        }

        return new DriftCheck(model, version.Version, from, to, key, report, decision);
    }

    /// <summary>The newest stored report of <paramref name="model"/>, or null when no check has run.</summary>
    public async Task<DriftReport?> LatestAsync(string model, CancellationToken cancellationToken)
    {
        var reports = await store.ListAllAsync(StorageLayout.DriftReportsPrefix(model), cancellationToken).ConfigureAwait(false);
        if (reports.Count == 0)
        {
            return null;
        }

        return await store.ReadStoredAsync(reports[^1].Key, b => DriftReport.FromJson(b.Span), cancellationToken).ConfigureAwait(false);
    }

    private async Task<Table> LoggedTableAsync(
        string model, int version, ModelSignature signature, DateTimeOffset from, DateTimeOffset to, int maxRows, CancellationToken cancellationToken)
    {
        var builders = InputRows.Builders(signature);
        var outputs = new List<double>();
        await foreach (var row in log.ReadAsync(model, from, to, cancellationToken).ConfigureAwait(false))
        {
            if (row.Version != version)
            {
                continue;
            }

            try
            {
                InputRows.AddRow(builders, row.Input, signature, "", outputs.Count + 1);
            }
            catch (MlopsException)
            {
                // A logged row was valid when served; one that no longer parses is damaged, and skipping it keeps the check going.
                continue;
            }

            outputs.Add(Output(row.Output, signature));
            if (outputs.Count >= maxRows)
            {
                break;
            }
        }

        var columns = builders.Select(b => b.Build()).ToList();
        columns.Add(new NumericColumn(OutputDrift.Column, ColumnKind.Numeric, [.. outputs]));
        return new Table(columns);
    }

    /// <summary>The logged answer as the same number <see cref="OutputDrift"/> profiled at training.</summary>
    private static double Output(RowPrediction answer, ModelSignature signature) => signature.Task switch
    {
        ModelTask.Regression => answer.Value ?? double.NaN,
        ModelTask.BinaryClassification => answer.Probabilities is { } p && p.TryGetValue(signature.Classes[1], out var positive) ? positive : double.NaN,
        _ => answer.Probabilities is { Count: > 0 } p ? p.Values.Max() : double.NaN,
    };
}
