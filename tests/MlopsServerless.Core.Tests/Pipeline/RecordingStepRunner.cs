using System.Text.Json;
using MlopsServerless.Core.Pipeline;
using MlopsServerless.Core.Serialization;

namespace MlopsServerless.Core.Tests.Pipeline;

/// <summary>
/// A stand-in for the Durable orchestration context: records every call (step name and input JSON, in issue order)
/// and answers either from <c>produce</c> (a first execution) or from the outputs of an earlier execution (a replay),
/// the way Durable replays an orchestrator over its history.
/// </summary>
public sealed class RecordingStepRunner : IStepRunner
{
    private readonly Func<string, object, object>? _produce;
    private readonly IReadOnlyDictionary<int, JsonElement>? _history;
    private readonly Lock _gate = new();
    private readonly List<(string Step, string Input)> _calls = [];
    private readonly Dictionary<int, JsonElement> _outputs = [];

    /// <summary>A first execution: <paramref name="produce"/> maps (step, typed input) to the step's output or throws.</summary>
    public RecordingStepRunner(Func<string, object, object> produce) => _produce = produce;

    /// <summary>A replay over the outputs of <paramref name="earlier"/>.</summary>
    public RecordingStepRunner(RecordingStepRunner earlier) => _history = earlier.Outputs;

    public IReadOnlyList<(string Step, string Input)> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyDictionary<int, JsonElement> Outputs
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<int, JsonElement>(_outputs);
            }
        }
    }

    public async Task<TOut> RunAsync<TIn, TOut>(string step, TIn input, RetryPolicy retry)
        where TIn : notnull
        where TOut : notnull
    {
        int sequence;
        lock (_gate)
        {
            sequence = _calls.Count;
            _calls.Add((step, JsonSerializer.Serialize(input, MlopsJson.CompactOptions)));
        }

        // Results arrive later than the call, and later calls may finish first; the flow must not care.
        for (var i = 0; i < 3 - sequence % 3; i++)
        {
            await Task.Yield();
        }

        JsonElement output;
        if (_history is not null)
        {
            output = _history.TryGetValue(sequence, out var recorded)
                ? recorded
                : throw new InvalidOperationException($"Non-deterministic flow: call {sequence} ({step}) is not in the history.");
        }
        else
        {
            output = JsonSerializer.SerializeToElement(_produce!(step, input), MlopsJson.Options);
        }

        lock (_gate)
        {
            _outputs[sequence] = output;
        }

        return output.Deserialize<TOut>(MlopsJson.Options)!;
    }
}
