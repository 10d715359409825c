using System.Diagnostics;
using System.Globalization;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Evaluation;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Monitoring;
using MlopsServerless.Core.Pipeline.Steps;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Serialization;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tracking;
using MlopsServerless.Core.Training;

namespace MlopsServerless.Core.Pipeline;

/// <summary>
/// The pipeline's steps: plain methods with JSON-serializable inputs and outputs, run by the local engine or as Durable
/// activities. Each is idempotent: run again after a crash it overwrites its own artifacts with the same bytes and
/// creates no second dataset version, model version or event id.
/// </summary>
public sealed class PipelineSteps(
    IObjectStore store,
    DatasetTables tables,
    ModelRegistry registry,
    RunStore runs,
    IEventPublisher events,
    TimeProvider time)
{
    /// <summary>Loads the dataset version, verifies its hash, checks it against the contract and detects the task.</summary>
    public async Task<DatasetSummary> LoadDatasetAsync(LoadDatasetInput input, CancellationToken cancellationToken)
    {
        var manifest = await tables.ManifestAsync(input.Dataset, input.Version, cancellationToken).ConfigureAwait(false);
        await tables.VerifyAsync(manifest, cancellationToken).ConfigureAwait(false);
        var contract = (await store.ReadJsonAsync<DatasetContract>(StorageLayout.DatasetContract(input.Dataset), cancellationToken).ConfigureAwait(false))?.Value
            ?? new DatasetContract(manifest.Label);
        var problems = UploadValidator.Validate(new CsvProfile(manifest.Sha256, manifest.SizeBytes, manifest.RowCount, manifest.Columns), contract with { Label = manifest.Label }, manifest.DatasetName ?? manifest.Dataset);
        if (problems.Count > 0)
        {
            throw MlopsException.FailedPrecondition($"Dataset '{input.Dataset}' version {input.Version} breaks its contract: {string.Join(" ", problems.Select(p => p.Message))}");
        }

        var table = await tables.TableAsync(manifest, cancellationToken).ConfigureAwait(false);
        var label = table[manifest.Label];
        var task = TaskDetector.Detect(label);
        var encoding = LabelEncoding.Fit(label, task);
        var split = Split(table, manifest.Label, task, encoding, input.Seed, input.ValidationFraction, input.TestFraction);
        return new DatasetSummary(manifest.Dataset, manifest.Version, manifest.Sha256, manifest.RowCount, manifest.Label, task, encoding.Classes,
            split.Train.Length, split.Validation.Length, split.Test.Length);
    }

    /// <summary>Trains one candidate on the train split and scores it on the validation split.</summary>
    public async Task<CandidateResult> TrainCandidateAsync(TrainCandidateInput input, CancellationToken cancellationToken)
    {
        var (table, split) = await SplitAsync(input.Data, input.Seed, input.ValidationFraction, input.TestFraction, cancellationToken).ConfigureAwait(false);
        var train = table.Select(split.Train);
        var validation = table.Select(split.Validation);
        var watch = Stopwatch.StartNew();
        var trainer = TrainerCatalog.Get(input.Candidate.Algorithm).CreateTrainer();
        var model = trainer.Train(new TrainingRequest(train, validation, input.Data.Label, input.Data.Task, input.Candidate.Parameters, input.Seed), cancellationToken);
        var seconds = watch.Elapsed.TotalSeconds;
        var key = StorageLayout.RunArtifact(input.RunId, $"candidate-{input.Index.ToString(CultureInfo.InvariantCulture)}-{model.Algorithm}.model.json");
        foreach (var (file, content) in ModelFormat.ToFiles(model, key))
        {
            await store.PutAsync(file, content, WriteCondition.None, cancellationToken).ConfigureAwait(false);
        }

        var metrics = ModelEvaluator.Evaluate(model, validation).Metrics;
        return new CandidateResult(input.Index, model.Algorithm, model.Parameters, metrics, key, Math.Round(seconds, 3));
    }

    /// <summary>Scores the chosen candidate and the current Production champion on the same test rows.</summary>
    public async Task<EvaluationSummary> EvaluateCandidateAsync(EvaluateInput input, CancellationToken cancellationToken)
    {
        var (table, split) = await SplitAsync(input.Data, input.Seed, input.ValidationFraction, input.TestFraction, cancellationToken).ConfigureAwait(false);
        var test = table.Select(split.Test);
        var candidate = ModelEvaluator.Evaluate(await LoadModelAsync(input.Chosen.ModelKey, cancellationToken).ConfigureAwait(false), test).Metrics;
        var champion = await registry.FindProductionAsync(input.Model, cancellationToken).ConfigureAwait(false);
        if (champion is null)
        {
            return new EvaluationSummary(candidate, null, null, "no champion: this is the first Production candidate");
        }

        var championModel = await registry.LoadModelAsync(input.Model, champion.Version, cancellationToken).ConfigureAwait(false)
            ?? throw MlopsException.Unavailable($"The champion, version {champion.Version}, has no model file yet.");
        var missing = championModel.Signature.Inputs.Where(f => !test.Contains(f.Name)).Select(f => f.Name).ToList();
        if (missing.Count > 0 || championModel.Signature.Label != input.Data.Label || championModel.Signature.Task != input.Data.Task)
        {
            return new EvaluationSummary(candidate, champion.Version, null,
                $"the champion (version {champion.Version}) cannot score this data: it needs {(missing.Count > 0 ? string.Join(", ", missing) : "another label or task")}");
        }

        // Other class names (a class new in this data, or a champion trained when yes/no labels were read as true/false).
        if (!championModel.Signature.Classes.SequenceEqual(input.Data.Classes, StringComparer.Ordinal))
        {
            return new EvaluationSummary(candidate, champion.Version, null,
                $"the champion (version {champion.Version}) cannot score this data: its classes are {string.Join(", ", championModel.Signature.Classes)}, the data's {string.Join(", ", input.Data.Classes)}");
        }

        return new EvaluationSummary(candidate, champion.Version, ModelEvaluator.Evaluate(championModel, test).Metrics, null);
    }

    /// <summary>Registers the chosen candidate as a new version in Staging with its card, signature, metrics and profile.</summary>
    public async Task<RegisteredVersion> RegisterModelAsync(RegisterInput input, CancellationToken cancellationToken)
    {
        var modelBytes = (await store.GetAsync(input.Chosen.ModelKey, cancellationToken).ConfigureAwait(false))?.Content
            ?? throw MlopsException.FailedPrecondition($"The chosen candidate's model file {input.Chosen.ModelKey} is gone.");
        var model = await ModelFormat.ReadAsync(modelBytes, input.Chosen.ModelKey, ReadFileAsync, cancellationToken).ConfigureAwait(false);
        var manifest = await tables.ManifestAsync(input.Data.Dataset, input.Data.Version, cancellationToken).ConfigureAwait(false);
        var card = new ModelCard(
            input.Model, input.Data.Dataset, input.Data.Version, input.Data.TrainRows, input.Data.Label, input.Data.Task, input.Data.Classes,
            model.Signature.Inputs, model.Algorithm, model.Parameters, input.Seed, input.PrimaryMetric,
            input.Evaluation.CandidateMetrics, input.Chosen.ValidationMetrics, input.Evaluation.ChampionVersion, input.Evaluation.ChampionMetrics,
            input.RunId, CodeVersion.Current,
            $"Predicts '{input.Data.Label}' ({input.Data.Task}) for rows shaped like dataset '{input.Data.Dataset}'.",
            Limitations(manifest, model));
        // Attachments (model.zip) first: model.json is written after them, so a reader never finds it without them.
        var files = model.Attachments.OrderBy(a => a.Key, StringComparer.Ordinal)
            .ToDictionary(a => ModelFormat.AttachmentKey(ModelFiles.Model, a.Key), a => a.Value);
        files[ModelFiles.Model] = modelBytes;
        foreach (var (file, content) in new Dictionary<string, ReadOnlyMemory<byte>>
        {
            [ModelFiles.Signature] = MlopsJson.Serialize(model.Signature),
            [ModelFiles.Metrics] = MlopsJson.Serialize(new { test = input.Evaluation.CandidateMetrics, validation = input.Chosen.ValidationMetrics, champion = input.Evaluation.ChampionMetrics, championVersion = input.Evaluation.ChampionVersion }),
            [ModelFiles.Card] = MlopsJson.Serialize(card),
            [ModelFiles.Profile] = await TrainingProfileAsync(input, model, cancellationToken).ConfigureAwait(false),
        })
        {
            files[file] = content;
        }

        var version = await registry.RegisterAsync(input.Model, new ModelVersionDraft(input.RunId, input.Data.Dataset, input.Data.Version, model.Algorithm, input.Evaluation.CandidateMetrics, files), cancellationToken).ConfigureAwait(false);
        var stage = version.Stage;
        if (stage == Stage.None)
        {
            stage = (await registry.SetStageAsync(input.Model, version.Version, Stage.Staging, Actor(input.RunId), "registered by its training run", cancellationToken).ConfigureAwait(false)).To;
        }

        await events.PublishAsync(DomainEvents.ModelRegistered(input.Model, version.Version, input.RunId, version.CreatedAt), cancellationToken).ConfigureAwait(false);
        return new RegisteredVersion(input.Model, version.Version, stage);
    }

    /// <summary>Moves the version to Production (archiving the previous one) and points the "champion" alias at it.</summary>
    public async Task<RegisteredVersion> PromoteModelAsync(PromoteInput input, CancellationToken cancellationToken)
    {
        var change = await registry.SetStageAsync(input.Model, input.Version, Stage.Production, Actor(input.RunId), input.Reason, cancellationToken).ConfigureAwait(false);
        await registry.SetAliasAsync(input.Model, "champion", input.Version, Actor(input.RunId), input.Reason, cancellationToken).ConfigureAwait(false);
        await events.PublishAsync(DomainEvents.ModelPromoted(input.Model, input.Version, nameof(Stage.Production), change.ReplacedProduction, input.Reason, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return new RegisteredVersion(input.Model, input.Version, Stage.Production);
    }

    /// <summary>Records how the run ended and publishes PipelineCompleted or PipelineFailed.</summary>
    public async Task<FinishResult> FinishRunAsync(FinishInput input, CancellationToken cancellationToken)
    {
        var status = input.Succeeded ? PipelineStatus.Completed : PipelineStatus.Failed;
        var run = await runs.UpdateAsync(input.RunId, r => r with
        {
            Status = status,
            UpdatedAt = time.GetUtcNow(),
            Candidates = input.Candidates ?? r.Candidates,
            ChosenCandidate = input.ChosenCandidate ?? r.ChosenCandidate,
            Evaluation = input.Evaluation ?? r.Evaluation,
            Registered = input.Registered ?? r.Registered,
            Promotion = input.Promotion ?? r.Promotion,
            Error = input.Error,
        }, cancellationToken).ConfigureAwait(false);
        await events.PublishAsync(DomainEvents.PipelineFinished(run.Id, input.Succeeded, run.Dataset, input.Registered?.Version, input.Error, run.UpdatedAt), cancellationToken).ConfigureAwait(false);
        return new FinishResult(run.Id, status);
    }

    /// <summary>
    /// The drift reference: the distribution of every input on the training rows, plus the model's own output on them
    /// (<see cref="OutputDrift.Column"/>) so prediction drift can be measured too.
    /// </summary>
    private async Task<byte[]> TrainingProfileAsync(RegisterInput input, TrainedModel model, CancellationToken cancellationToken)
    {
        var (table, split) = await SplitAsync(input.Data, input.Seed, input.ValidationFraction, input.TestFraction, cancellationToken).ConfigureAwait(false);
        var train = table.Select(split.Train).Without(input.Data.Label);
        var output = OutputDrift.Scores(model.Predict(train));
        return DriftReference.Build(new Table([.. train.Columns, output])).ToJson();
    }

    private static string Actor(string runId) => "pipeline:" + runId;

    private static List<string> Limitations(DatasetManifest manifest, TrainedModel model)
    {
        var limits = new List<string>
        {
            $"Learned from {manifest.RowCount} rows of dataset version {manifest.Version}; inputs unlike that data (see profile.json) get less reliable predictions.",
        };
        foreach (var column in manifest.Columns.Where(c => c.Kind == ColumnKind.Numeric && c.Name != manifest.Label && c.Min is not null))
        {
            limits.Add($"{column.Name} was seen between {column.Min!.Value.ToString("G6", CultureInfo.InvariantCulture)} and {column.Max!.Value.ToString("G6", CultureInfo.InvariantCulture)}.");
        }

        if (model.Signature.Task != ModelTask.Regression)
        {
            limits.Add("Probabilities are as calibrated as the ece metric says; check it before using them as risks.");
        }

        return limits;
    }

    private async Task<TrainedModel> LoadModelAsync(string key, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw MlopsException.FailedPrecondition($"The model file {key} is gone.");
        return await ModelFormat.ReadAsync(stored.Content, key, ReadFileAsync, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReadOnlyMemory<byte>?> ReadFileAsync(string key, CancellationToken cancellationToken) =>
        (await store.GetAsync(key, cancellationToken).ConfigureAwait(false))?.Content;

    private async Task<(Table Table, SplitRows Split)> SplitAsync(DatasetSummary data, int seed, double validationFraction, double testFraction, CancellationToken cancellationToken)
    {
        var manifest = await tables.ManifestAsync(data.Dataset, data.Version, cancellationToken).ConfigureAwait(false);
        var table = await tables.TableAsync(manifest, cancellationToken).ConfigureAwait(false);
        return (table, Split(table, data.Label, data.Task, LabelEncoding.Fit(table[data.Label], data.Task), seed, validationFraction, testFraction));
    }

    private static SplitRows Split(Table table, string label, ModelTask task, LabelEncoding encoding, int seed, double validationFraction, double testFraction) =>
        DataSplit.Compute(table.RowCount, task == ModelTask.Regression ? null : encoding.EncodeClasses(table[label]), seed, validationFraction, testFraction);
}
