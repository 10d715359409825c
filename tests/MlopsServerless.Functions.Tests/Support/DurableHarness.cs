using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using MlopsServerless.Azure.Records;
using MlopsServerless.Azure.Storage;
using MlopsServerless.Azure.Tests.Support;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Events;
using MlopsServerless.Core.Samples;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tracking;
using MlopsServerless.Functions.Hosting;
using MlopsServerless.Functions.Ingestion;
using MlopsServerless.Functions.Pipeline;

namespace MlopsServerless.Functions.Tests.Support;

/// <summary>
/// The Functions app's services (AddMlopsFunctions over a fresh Azurite container) with the app's own orchestrator and
/// activity methods registered in a real in-process Durable backend (DurableTaskTestHost), which the Worker would
/// otherwise discover from their [Function] attributes. Store reads can be faulted; events and step payloads are recorded.
/// </summary>
public sealed class DurableHarness : IAsyncDisposable
{
    private static readonly AsyncLocal<string?> RunningStep = new();
    private readonly ConcurrentQueue<StepCall> _calls = new();
    private string _container = "";
    private ServiceProvider _app = null!;
    private DurableTaskTestHost _durable = null!;

    private DurableHarness()
    {
    }

    public IServiceProvider App => _app;

    public DurableTaskClient Client => _durable.Client;

    public StoreFaults Faults { get; private set; } = null!;

    public RecordingEvents Events { get; private set; } = null!;

    public IObjectStore Store => _app.GetRequiredService<IObjectStore>();

    /// <summary>Every activity call: step, input and output sizes in bytes (output 0 when it failed).</summary>
    public IReadOnlyList<StepCall> Calls => [.. _calls];

    public static async Task<DurableHarness> StartAsync(AzuriteFixture azurite)
    {
        var harness = new DurableHarness();
        harness._container = "fn-" + Guid.NewGuid().ToString("N")[..16];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AppSettings.StorageConnection] = azurite.ConnectionString,
            [AppSettings.DataContainer] = harness._container,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        // The worker host provides the environment (the OpenAPI document names the application after it).
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { ApplicationName = "MlopsServerless.Functions", EnvironmentName = Environments.Production });
        services.AddMlopsFunctions(configuration);
        // Tables are account-wide: a prefix of its own gives each harness its own records, as the container does its objects.
        services.Configure<TableStoreOptions>(o => o.TablePrefix = "fn" + harness._container[3..]);
        var appEvents = services.Last(d => d.ServiceType == typeof(IEventPublisher));
        services.AddSingleton<IObjectStore>(sp =>
        {
            var (store, faults) = StoreFaults.Wrap(sp.GetRequiredService<BlobObjectStore>());
            harness.Faults = faults;
            return store;
        });
        services.AddSingleton<IEventPublisher>(sp => harness.Events = new RecordingEvents((IEventPublisher)appEvents.ImplementationFactory!(sp)));
        harness._app = services.BuildServiceProvider();
        _ = harness._app.GetRequiredService<IEventPublisher>();

        var activities = ActivatorUtilities.CreateInstance<StepActivities>(harness._app);
        harness._durable = await StartDurableAsync(registry =>
        {
            registry.AddOrchestratorFunc<JsonElement, JsonElement>(TrainingPipeline.Name, (context, _) => TrainingPipeline.RunAsync(context));
            foreach (var (name, run) in ActivityFunctions(activities))
            {
                registry.AddActivityFunc<JsonElement, JsonElement>(name, (_, input) => harness.RecordAsync(name, input, run));
            }
        });
        return harness;
    }

    /// <summary>
    /// Starts the in-process Durable host on a port the OS just handed out. Left to itself the test host picks a random
    /// port, which can land on one Azurite or a closing connection holds ("address already in use"); a port can still be
    /// taken between asking and binding, so a bind failure tries a fresh one.
    /// </summary>
    private static async Task<DurableTaskTestHost> StartDurableAsync(Action<DurableTaskRegistry> register)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DurableTaskTestHost.StartAsync(register, new DurableTaskTestHostOptions { Port = FreePort() });
            }
            catch (IOException e) when (attempt < 5 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Reads of keys <paramref name="matches"/> accepts, made by activity <paramref name="step"/>, throw <paramref name="fault"/> (<paramref name="times"/> times).</summary>
    public void FaultReads(string step, Func<string, bool> matches, Func<Exception> fault, int times = int.MaxValue) =>
        Faults.Arm(key => RunningStep.Value == step && matches(key), fault, times);

    /// <summary>
    /// Puts <paramref name="csv"/> at incoming/{dataset}/{file} and runs the Ingest function on it, as the blob trigger
    /// would. The dataset's contract names the sample's label column (the blob trigger has no label to pass).
    /// </summary>
    public async Task<PipelineRun?> UploadAsync(string dataset, string file, string csv)
    {
        await Store.WriteJsonAsync(StorageLayout.DatasetContract(dataset), new DatasetContract(ChurnSample.Label), WriteCondition.None, default);
        var key = StorageLayout.Incoming(dataset, file);
        await Store.PutAsync(key, Encoding.UTF8.GetBytes(csv), WriteCondition.None, default);
        var blob = new BlobClient(_app.GetRequiredService<Microsoft.Extensions.Options.IOptions<BlobStoreOptions>>().Value.ConnectionString, _container, key);
        await ActivatorUtilities.CreateInstance<Ingest>(_app).RunAsync(blob, Client, default);
        var runs = await _app.GetRequiredService<RunStore>().ListAsync(dataset, null, 50, null, default);
        return runs.Runs.Count > 0 ? runs.Runs[0] : null;
    }

    /// <summary>Waits (at most a minute) for the instance to end.</summary>
    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, limit.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _durable.DisposeAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The app's activity methods: every [Function] of <see cref="StepActivities"/> with an [ActivityTrigger].</summary>
    private static IEnumerable<(string Name, Func<JsonElement, CancellationToken, Task<JsonElement>> Run)> ActivityFunctions(StepActivities activities) =>
        typeof(StepActivities).GetMethods()
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null && m.GetParameters().Any(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null))
            .Select(m => (m.GetCustomAttribute<FunctionAttribute>()!.Name, m.CreateDelegate<Func<JsonElement, CancellationToken, Task<JsonElement>>>(activities)));

    private async Task<JsonElement> RecordAsync(string step, JsonElement input, Func<JsonElement, CancellationToken, Task<JsonElement>> run)
    {
        var inputBytes = Encoding.UTF8.GetByteCount(input.GetRawText());
        RunningStep.Value = step;
        try
        {
            var output = await run(input, CancellationToken.None);
            _calls.Enqueue(new StepCall(step, inputBytes, Encoding.UTF8.GetByteCount(output.GetRawText())));
            return output;
        }
        catch
        {
            _calls.Enqueue(new StepCall(step, inputBytes, 0));
            throw;
        }
    }
}

/// <summary>One activity call as the Durable backend carried it.</summary>
public sealed record StepCall(string Step, int InputBytes, int OutputBytes);
