namespace MlopsServerless.Core.Tracking;

/// <summary>One finished step of a run: its call number, name, attempts and how long its own work took.</summary>
public sealed record StepRecord(int Sequence, string Step, int Attempts, double Seconds, DateTimeOffset FinishedAt);
