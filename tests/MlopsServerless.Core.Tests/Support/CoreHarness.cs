using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Ingestion;
using MlopsServerless.Core.Monitoring.Retraining;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Samples;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Leases;
using MlopsServerless.Core.Storage.Records;
using MlopsServerless.Core.Tracking;
using MlopsServerless.Sqlite;

namespace MlopsServerless.Core.Tests;

/// <summary>
/// Core wired the way the embedded default wires it: a real <see cref="FileSystemObjectStore"/> in a temp folder
/// (behind a <see cref="FaultyObjectStore"/> so tests can see and break operations), the local event log, a fake clock
/// and a launcher that only records, so each test drives <see cref="LocalPipelineEngine"/> itself.
/// </summary>
public sealed class CoreHarness : IDisposable
{
    private readonly TempFolder _folder = new();

    public CoreHarness()
    {
        Files = new FileSystemObjectStore(_folder.Path);
        Records = new SqliteRecordStore(System.IO.Path.Combine(_folder.Path, ".metadata", "records.db"));
        Store = new FaultyObjectStore(Files);
        Events = new LocalEventPublisher(Store, null, null, NullLogger<LocalEventPublisher>.Instance);
        RecordProbe = new RecordStoreProbe(Records);
        Imports = new RecordImports(Records, NullLogger<RecordImports>.Instance);
        DatasetIndex = new DatasetIndex(RecordProbe, Imports, Store, NullLogger<DatasetIndex>.Instance);
        Tables = new DatasetTables(Store, DatasetIndex);
        Registry = new ModelRegistry(Store, Records, Imports, Time, NullLogger<ModelRegistry>.Instance);
        Runs = NewRunStore();
        Steps = new PipelineSteps(Store, Tables, Registry, Runs, Events, Time);
        Engine = new LocalPipelineEngine(Store, new StepDispatcher(Steps), Runs, Time, NullLogger<LocalPipelineEngine>.Instance);
        Pipelines = new PipelineService(Tables, Runs, Launcher, Time);
        Ingestor = new DatasetIngestor(Store, DatasetIndex, Events, Time, NullLogger<DatasetIngestor>.Instance);
        Quarantine = new QuarantineEntries(DatasetIndex);
        Leases = new LeaseManager(Records, Time);
        RetrainingHistory = new RetrainingHistory(Records, Imports, Store);
        Uploads = new UploadProcessor(Ingestor, Pipelines, Leases);
    }

    /// <summary>One logistic-regression candidate: independent of which other trainers the catalog holds.</summary>
    public static PipelineConfig LogregOnly { get; } = new(Candidates: [new CandidateSpec("logreg", new Dictionary<string, string>())]);

    public static CancellationToken None => CancellationToken.None;

    /// <summary>A registry over <paramref name="store"/> with its records in <paramref name="folder"/>, as the embedded default keeps them.</summary>
    public static ModelRegistry NewRegistry(IObjectStore store, string folder, TimeProvider time)
    {
        var records = new SqliteRecordStore(System.IO.Path.Combine(folder, ".metadata", "records.db"));
        return new ModelRegistry(store, records, new RecordImports(records, NullLogger<RecordImports>.Instance), time, NullLogger<ModelRegistry>.Instance);
    }

    public FakeTimeProvider Time { get; } = new();

    /// <summary>The record store (registry, run index, leases, ...), SQLite in the harness's folder as on the embedded default.</summary>
    public SqliteRecordStore Records { get; }

    /// <summary><see cref="Records"/> as the run store and the dataset index see it: counted, and breakable.</summary>
    public RecordStoreProbe RecordProbe { get; }

    /// <summary>The one-time imports of old JSON blobs into <see cref="Records"/>.</summary>
    public RecordImports Imports { get; }

    /// <summary>The dataset-version and quarantine indexes.</summary>
    public DatasetIndex DatasetIndex { get; }

    public QuarantineEntries Quarantine { get; }

    /// <summary>The store without the decorator, for arranging and inspecting state behind the code's back.</summary>
    public FileSystemObjectStore Files { get; }

    public FaultyObjectStore Store { get; }

    public LocalEventPublisher Events { get; }

    public DatasetTables Tables { get; }

    public ModelRegistry Registry { get; }

    public RunStore Runs { get; }

    public PipelineSteps Steps { get; }

    public LocalPipelineEngine Engine { get; }

    public RecordingLauncher Launcher { get; } = new();

    public PipelineService Pipelines { get; }

    public DatasetIngestor Ingestor { get; }

    public LeaseManager Leases { get; }

    public RetrainingHistory RetrainingHistory { get; }

    public UploadProcessor Uploads { get; }

    /// <summary>A run store over the harness's stores with imports of its own, as a second process would have.</summary>
    public RunStore NewRunStore() =>
        new(RecordProbe, new RecordImports(Records, NullLogger<RecordImports>.Instance), Store, NullLogger<RunStore>.Instance);

    public static byte[] Churn(int rows = 600, int seed = 7) => Encoding.UTF8.GetBytes(ChurnSample.Generate(rows, seed));

    /// <summary>Puts <paramref name="content"/> at incoming/{dataset}/{file} and returns the key.</summary>
    public async Task<string> UploadAsync(string dataset, string file, byte[] content)
    {
        var key = StorageLayout.Incoming(dataset, file);
        await Files.PutAsync(key, content, WriteCondition.None, None);
        return key;
    }

    /// <summary>Uploads, ingests (label "churned") and records a run with <paramref name="config"/>; the run is not executed.</summary>
    public async Task<(DatasetManifest Manifest, PipelineRun Run)> StartChurnRunAsync(string dataset, byte[] content, PipelineConfig? config = null)
    {
        var key = await UploadAsync(dataset, "upload.csv", content);
        var outcome = await Ingestor.IngestAsync(key, ChurnSample.Label, None);
        Assert.True(outcome.Accepted, outcome.Rejection?.Problems[0].Message);
        var (run, _) = await Pipelines.StartAsync(dataset, outcome.Version!.Version, null, config ?? LogregOnly, "test", None);
        return (outcome.Version!, run);
    }

    /// <summary>Every line of events/*.jsonl, parsed.</summary>
    public async Task<List<JsonElement>> EventLinesAsync()
    {
        var lines = new List<JsonElement>();
        foreach (var item in await Files.ListAllAsync("events/", None))
        {
            var stored = await Files.GetAsync(item.Key, None);
            foreach (var line in Encoding.UTF8.GetString(stored!.Content.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
            }
        }

        return lines;
    }

    public async Task<bool> ExistsAsync(string key) => await Files.GetAsync(key, None) is not null;

    public async Task<List<string>> KeysAsync(string prefix) => (await Files.ListAllAsync(prefix, None)).Select(i => i.Key).ToList();

    public void Dispose() => _folder.Dispose();
}
