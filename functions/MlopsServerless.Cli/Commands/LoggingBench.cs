using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MlopsServerless.Cli.Hosting;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Samples;

namespace MlopsServerless.Cli.Commands;

/// <summary>
/// <c>mlops bench logging</c>: what the prediction log costs the serving path. Trains the churn sample in a scratch
/// folder, then issues single-row predict calls in process at a fixed rate (open loop, so a slow call does not slow the
/// schedule) in alternating phases with logging off and on, and prints p50/p99 latency of each and their ratio.
/// </summary>
internal static class LoggingBench
{
    public static Command Create()
    {
        var rate = new Option<int>("--rate") { Description = "Requests per second.", DefaultValueFactory = _ => 1000 };
        var seconds = new Option<int>("--seconds") { Description = "Seconds per mode (split into alternating phases).", DefaultValueFactory = _ => 6 };
        var http = new Option<bool>("--http") { Description = "Measure over HTTP: two local servers on 127.0.0.1, one logging every request, one logging none." };
        var logging = new Command("logging", "Prediction latency with the prediction log off vs on.") { rate, seconds, http };
        logging.SetAction((parse, ct) => CommandRunner.RunAsync(() => parse.GetValue(http)
            ? RunOverHttpAsync(parse.GetValue(rate), parse.GetValue(seconds), ct)
            : RunAsync(parse.GetValue(rate), parse.GetValue(seconds), ct)));
        return logging;
    }

    private static async Task<int> RunAsync(int rate, int seconds, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(Path.GetTempPath(), "mlops-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var services = LocalServices.ForCommand(dir);
            var (_, run) = await UploadAndTrain.RunAsync(services, new MemoryStream(Encoding.UTF8.GetBytes(ChurnSample.Generate(2000, 7))),
                "churn", "customers.csv", ChurnSample.Label, TextWriter.Null, cancellationToken);
            if (run?.Registered is null)
            {
                await Console.Error.WriteLineAsync("bench: training the sample failed").ConfigureAwait(false);
                return 1;
            }

            var registry = services.GetRequiredService<ModelRegistry>();
            var cache = new ModelCache(registry);
            var log = services.GetRequiredService<PredictionLog>();
            using var stop = new CancellationTokenSource();
            var writer = Task.Run(() => log.RunAsync(stop.Token), CancellationToken.None);
            var off = new PredictionService(registry, cache, TimeProvider.System);
            var on = new PredictionService(registry, cache, TimeProvider.System, log);
            var body = Customer();
            // Warm up both paths (model load, JIT tiering) before measuring anything.
            await PaceAsync(off, body, rate, 1, [], cancellationToken);
            await PaceAsync(on, body, rate, 1, [], cancellationToken);

            var latencies = (Off: new List<double>(), On: new List<double>());
            const int phases = 6;
            for (var phase = 0; phase < phases; phase++)
            {
                var logged = phase % 2 == 1;
                await PaceAsync(logged ? on : off, body, rate, seconds * 2.0 / phases, logged ? latencies.On : latencies.Off, cancellationToken);
            }

            await log.FlushAsync(cancellationToken);
            await stop.CancelAsync();
            await writer;
            Console.WriteLine($"prediction log overhead at {rate} req/s, {seconds} s per mode, single-row requests, {Environment.ProcessorCount} cores");
            Console.WriteLine($"  logging off: {Describe(latencies.Off)}");
            Console.WriteLine($"  logging on:  {Describe(latencies.On)}");
            Console.WriteLine($"  ratio on/off: p50 {Ratio(latencies.On, latencies.Off, 0.50)}  p99 {Ratio(latencies.On, latencies.Off, 0.99)}  mean {(latencies.On.Average() / latencies.Off.Average()).ToString("0.000", CultureInfo.InvariantCulture)}");
            Console.WriteLine($"  log counters: {log.Counters}");
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Scratch data; the OS temp cleaner takes what is left.
            }
        }
    }

    /// <summary>
    /// The same comparison as a client sees it: single-row POST /api/models/churn/predict at <paramref name="rate"/>
    /// requests/s against a server with sampling 1.0 and one with sampling 0, alternating phases.
    /// </summary>
    private static async Task<int> RunOverHttpAsync(int rate, int seconds, CancellationToken cancellationToken)
    {
        var dir = Path.Combine(Path.GetTempPath(), "mlops-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var services = LocalServices.ForCommand(dir))
            {
                var (_, run) = await UploadAndTrain.RunAsync(services, new MemoryStream(Encoding.UTF8.GetBytes(ChurnSample.Generate(2000, 7))),
                    "churn", "customers.csv", ChurnSample.Label, TextWriter.Null, cancellationToken);
                if (run?.Registered is null)
                {
                    await Console.Error.WriteLineAsync("bench: training the sample failed").ConfigureAwait(false);
                    return 1;
                }
            }

            await using var on = LocalServer.Build(dir, 0, watch: false, Microsoft.Extensions.Logging.LogLevel.Warning);
            await using var off = LocalServer.Build(dir, 0, watch: false, Microsoft.Extensions.Logging.LogLevel.Warning,
                s => s.Configure<PredictionLogOptions>(o => o.SamplingRate = 0));
            await on.StartAsync(cancellationToken);
            await off.StartAsync(cancellationToken);
            var key = ApiKeys.LoadOrCreate(dir);
            using var onClient = Client(on.Urls.First(), key);
            using var offClient = Client(off.Urls.First(), key);
            var body = Customer().GetRawText();
            Func<Task> Post(HttpClient client) => async () =>
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync("/api/models/churn/predict", content, cancellationToken);
                response.EnsureSuccessStatusCode();
            };

            await PaceAsync(Post(offClient), rate, 1, []);
            await PaceAsync(Post(onClient), rate, 1, []);
            var latencies = (Off: new List<double>(), On: new List<double>());
            const int phases = 6;
            for (var phase = 0; phase < phases; phase++)
            {
                var logged = phase % 2 == 1;
                await PaceAsync(Post(logged ? onClient : offClient), rate, seconds * 2.0 / phases, logged ? latencies.On : latencies.Off);
            }

            Console.WriteLine($"prediction log overhead over HTTP at {rate} req/s, {seconds} s per mode, single-row requests, client and server on {Environment.ProcessorCount} cores");
            Console.WriteLine($"  logging off: {Describe(latencies.Off)}");
            Console.WriteLine($"  logging on:  {Describe(latencies.On)}");
            Console.WriteLine($"  ratio on/off: p50 {Ratio(latencies.On, latencies.Off, 0.50)}  p99 {Ratio(latencies.On, latencies.Off, 0.99)}  mean {(latencies.On.Average() / latencies.Off.Average()).ToString("0.000", CultureInfo.InvariantCulture)}");
            await on.StopAsync(cancellationToken);
            await off.StopAsync(cancellationToken);
            return 0;
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Scratch data; the OS temp cleaner takes what is left.
            }
        }
    }

    private static HttpClient Client(string address, string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(address) };
        client.DefaultRequestHeaders.Add(MlopsServerless.Http.Security.ApiKeyFilter.FunctionsKeyHeader, key);
        return client;
    }

    private static Task PaceAsync(PredictionService service, JsonElement body, int rate, double seconds, List<double> latencies, CancellationToken cancellationToken) =>
        PaceAsync(() => service.PredictAsync("churn", ModelSelector.Production, body, cancellationToken), rate, seconds, latencies);

    /// <summary>Issues <paramref name="request"/> on a fixed schedule (open loop) and records each latency in microseconds.</summary>
    private static async Task PaceAsync(Func<Task> request, int rate, double seconds, List<double> latencies)
    {
        var count = (int)(rate * seconds);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = (double)i / rate;
            while (clock.Elapsed.TotalSeconds < due)
            {
                Thread.Yield();
            }

            var start = Stopwatch.GetTimestamp();
            await request();
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
    }

    private static JsonElement Customer() => JsonSerializer.SerializeToElement(ChurnSample.Customers(1, 99)[0]);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static string Describe(List<double> us) => string.Create(CultureInfo.InvariantCulture,
        $"n={us.Count}  p50={Percentile(us, 0.50):0.0} us  p99={Percentile(us, 0.99):0.0} us  mean={us.Average():0.0} us");

    private static string Ratio(List<double> on, List<double> off, double p) =>
        (Percentile(on, p) / Percentile(off, p)).ToString("0.000", CultureInfo.InvariantCulture);
}
