using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MlopsServerless.Core.Serialization;

namespace MlopsServerless.Core.Pipeline;

/// <summary>
/// Run ids derive from what is trained, never from time or chance: the same dataset version with the same config is
/// the same run, so an upload seen twice (a retried blob trigger, the same bytes uploaded again) starts one run. A retry
/// and a retraining add a deterministic component (the attempt number, the trigger's id), so they are new runs that a
/// replayed orchestration or a repeated call still finds again.
/// </summary>
public static class RunIds
{
    /// <summary>Longest id: a run id is a name in the store (see <see cref="Storage.ObjectKey.Name"/>).</summary>
    public const int MaxLength = 64;

    /// <summary>"{dataset}-{version}" for the default config, "{dataset}-{version}-{config hash}" otherwise.</summary>
    public static string For(string dataset, string datasetVersion, string model, PipelineConfig config)
    {
        var isDefault = config == new PipelineConfig() && model == dataset;
        if (isDefault)
        {
            return Fit(dataset, $"-{datasetVersion}");
        }

        var hash = SHA256.HashData(MlopsJson.Serialize(new { model, config }));
        return Fit(dataset, $"-{datasetVersion}-{Convert.ToHexStringLower(hash)[..8]}");
    }

    /// <summary>
    /// The id of the retry of run <paramref name="failedRunId"/>, which was attempt <paramref name="failedAttempt"/>:
    /// "{first attempt's id}-a{failedAttempt + 1}". Retrying the same failed run twice gives the same id.
    /// </summary>
    public static string Retry(string failedRunId, int failedAttempt)
    {
        var suffix = "-a" + failedAttempt.ToString(CultureInfo.InvariantCulture);
        var first = failedAttempt > 1 && failedRunId.EndsWith(suffix, StringComparison.Ordinal) ? failedRunId[..^suffix.Length] : failedRunId;
        return Fit(first, "-a" + (failedAttempt + 1).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The id of the retraining run that trigger <paramref name="triggerId"/> starts: "{base}-t{hash of the trigger id}".</summary>
    public static string Retraining(string baseId, string triggerId) =>
        Fit(baseId, "-t" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(triggerId)))[..8]);

    // Shortens the head (never the distinguishing tail) so that long dataset names still give a valid id.
    private static string Fit(string head, string tail) =>
        head.Length + tail.Length <= MaxLength ? head + tail : head[..Math.Max(1, MaxLength - tail.Length)] + tail;
}
