using System.Globalization;
using System.Text.RegularExpressions;

namespace MlopsServerless.Infra.Plan;

/// <summary>What one stack asks for, read from its configuration and checked before any resource is declared.</summary>
/// <param name="Organization">Pulumi organization; with project and stack it seeds the globally unique name suffix.</param>
/// <param name="Project">Pulumi project name.</param>
/// <param name="Stack">Pulumi stack name (dev, prod, ...).</param>
/// <param name="Location">Azure region, e.g. westeurope. Required.</param>
/// <param name="NamePrefix">2-8 lowercase letters or digits, starting with a letter. Defaults to mlops.</param>
/// <param name="MaximumInstanceCount">Flex Consumption scale-out limit, 40-1000. Defaults to 40.</param>
/// <param name="InstanceMemoryMB">Flex Consumption instance size: 512, 2048 or 4096. Defaults to 2048.</param>
/// <param name="DriftSchedule">Six-field NCRONTAB for the drift check. Defaults to hourly.</param>
/// <param name="LogRetentionDays">Log Analytics retention, 30-730. Defaults to 30.</param>
/// <param name="PredictionLogRetentionDays">Days a prediction-log blob is kept, 1-3650. Defaults to 30.</param>
/// <param name="AlertEmail">Optional address for alerts; null when not configured.</param>
/// <param name="RetrainingEnabled">Whether drift starts retraining. Defaults to false.</param>
/// <param name="PredictionSamplingRate">Share of predictions logged, 0-1. Defaults to 0.1.</param>
/// <param name="PackagePath">The Functions package zip (from eng/package-functions.sh), relative to the program directory.</param>
public sealed partial record StackSettings(
    string Organization,
    string Project,
    string Stack,
    string Location,
    string NamePrefix,
    int MaximumInstanceCount,
    int InstanceMemoryMB,
    string DriftSchedule,
    int LogRetentionDays,
    int PredictionLogRetentionDays,
    string? AlertEmail,
    bool RetrainingEnabled,
    double PredictionSamplingRate,
    string PackagePath)
{
    public const string DefaultNamePrefix = "mlops";
    public const int DefaultMaximumInstanceCount = 40;
    public const int DefaultInstanceMemoryMB = 2048;
    public const string DefaultDriftSchedule = "0 0 * * * *";
    public const int DefaultLogRetentionDays = 30;
    public const int DefaultPredictionLogRetentionDays = 30;
    public const double DefaultPredictionSamplingRate = 0.1;
    public const string DefaultPackagePath = "../../artifacts/functions.zip";

    /// <summary>Flex Consumption instance sizes (MB).</summary>
    public static IReadOnlyList<int> InstanceMemorySizes { get; } = [512, 2048, 4096];

    /// <summary>Reads and checks every key; throws <see cref="InvalidStackConfigException"/> listing all problems at once.</summary>
    /// <param name="organization">Pulumi organization.</param>
    /// <param name="project">Pulumi project.</param>
    /// <param name="stack">Pulumi stack.</param>
    /// <param name="get">Looks a key of <see cref="StackConfigKeys"/> up; null when the stack does not set it.</param>
    public static StackSettings Read(string organization, string project, string stack, Func<string, string?> get)
    {
        var problems = new List<string>();
        string Key(string key) => $"{StackConfigKeys.Namespace}:{key}";

        var location = get(StackConfigKeys.Location)?.Trim() ?? "";
        if (!LocationPattern().IsMatch(location))
        {
            problems.Add($"{Key(StackConfigKeys.Location)} must be an Azure region name such as westeurope (pulumi config set {Key(StackConfigKeys.Location)} westeurope).");
        }

        var prefix = get(StackConfigKeys.NamePrefix)?.Trim() ?? DefaultNamePrefix;
        if (!PrefixPattern().IsMatch(prefix))
        {
            problems.Add($"{Key(StackConfigKeys.NamePrefix)} '{prefix}' must be 2-8 lowercase letters or digits starting with a letter (it goes into storage account names).");
        }

        var maxInstances = ReadInt(StackConfigKeys.MaximumInstanceCount, DefaultMaximumInstanceCount, 40, 1000);
        var memory = ReadInt(StackConfigKeys.InstanceMemoryMB, DefaultInstanceMemoryMB, 512, 4096);
        if (!InstanceMemorySizes.Contains(memory))
        {
            problems.Add($"{Key(StackConfigKeys.InstanceMemoryMB)} must be one of {string.Join(", ", InstanceMemorySizes)} (the Flex Consumption instance sizes).");
        }

        var drift = get(StackConfigKeys.DriftSchedule)?.Trim() ?? DefaultDriftSchedule;
        if (drift.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
        {
            problems.Add($"{Key(StackConfigKeys.DriftSchedule)} '{drift}' must be a six-field NCRONTAB expression (second minute hour day month weekday), e.g. \"0 0 * * * *\".");
        }

        var logDays = ReadInt(StackConfigKeys.LogRetentionDays, DefaultLogRetentionDays, 30, 730);
        var predictionDays = ReadInt(StackConfigKeys.PredictionLogRetentionDays, DefaultPredictionLogRetentionDays, 1, 3650);

        var email = get(StackConfigKeys.AlertEmail)?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            email = null;
        }
        else if (!EmailPattern().IsMatch(email))
        {
            problems.Add($"{Key(StackConfigKeys.AlertEmail)} '{email}' is not an e-mail address; remove the key to send no alerts.");
        }

        var retraining = false;
        var retrainingText = get(StackConfigKeys.RetrainingEnabled)?.Trim();
        if (retrainingText is not null && !bool.TryParse(retrainingText, out retraining))
        {
            problems.Add($"{Key(StackConfigKeys.RetrainingEnabled)} must be true or false, not '{retrainingText}'.");
        }

        var rate = DefaultPredictionSamplingRate;
        var rateText = get(StackConfigKeys.PredictionSamplingRate)?.Trim();
        if (rateText is not null &&
            (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) || rate is < 0 or > 1 || double.IsNaN(rate)))
        {
            problems.Add($"{Key(StackConfigKeys.PredictionSamplingRate)} must be a number from 0 to 1 (the share of predictions logged), not '{rateText}'.");
        }

        var package = get(StackConfigKeys.PackagePath)?.Trim();
        if (string.IsNullOrEmpty(package))
        {
            package = DefaultPackagePath;
        }

        if (problems.Count > 0)
        {
            throw new InvalidStackConfigException(problems);
        }

        return new StackSettings(organization, project, stack, location, prefix, maxInstances, memory, drift, logDays,
            predictionDays, email, retraining, rate, package);

        int ReadInt(string key, int fallback, int min, int max)
        {
            var text = get(key)?.Trim();
            if (text is null)
            {
                return fallback;
            }

            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            problems.Add($"{Key(key)} must be a whole number from {min} to {max}, not '{text}'.");
            return fallback;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9]{1,30}$")]
    private static partial Regex LocationPattern();

    [GeneratedRegex("^[a-z][a-z0-9]{1,7}$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
