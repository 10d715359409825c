using System.Text.Json;

namespace MlopsServerless.Core.Events;

/// <summary>
/// A domain event in CloudEvents 1.0 terms: <paramref name="Id"/> is stable for one happening (a retried step
/// publishes the same id, so subscribers can drop duplicates), <paramref name="Type"/> is one of
/// <see cref="EventTypes"/>, <paramref name="Subject"/> names the thing (for example "models/churn/versions/3").
/// </summary>
public sealed record MlopsEvent(string Id, string Type, string Source, string Subject, DateTimeOffset Time, JsonElement Data);
