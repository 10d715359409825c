using System.Text.Json;

namespace MlopsServerless.Core.Pipeline;

/// <summary>A finished step as stored at <c>runs/{id}/steps/{n}-{step}.json</c>: what a resumed run replays instead of re-running it.</summary>
public sealed record StepCheckpoint(int Sequence, string Step, int Attempts, double Seconds, DateTimeOffset FinishedAt, JsonElement Output);
