namespace MlopsServerless.Infra.Plan;

/// <summary>The stack configuration keys (namespace <c>mlops</c> in Pulumi.&lt;stack&gt;.yaml).</summary>
public static class StackConfigKeys
{
    public const string Namespace = "mlops";
    public const string Location = "location";
    public const string NamePrefix = "namePrefix";
    public const string MaximumInstanceCount = "maximumInstanceCount";
    public const string InstanceMemoryMB = "instanceMemoryMB";
    public const string DriftSchedule = "driftSchedule";
    public const string LogRetentionDays = "logRetentionDays";
    public const string PredictionLogRetentionDays = "predictionLogRetentionDays";
    public const string AlertEmail = "alertEmail";
    public const string RetrainingEnabled = "retrainingEnabled";
    public const string PredictionSamplingRate = "predictionSamplingRate";
    public const string PackagePath = "packagePath";

    /// <summary>Every key the program reads, so the stack can hand all of them to <see cref="StackSettings.Read"/>.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Location, NamePrefix, MaximumInstanceCount, InstanceMemoryMB, DriftSchedule, LogRetentionDays,
        PredictionLogRetentionDays, AlertEmail, RetrainingEnabled, PredictionSamplingRate, PackagePath,
    ];
}
