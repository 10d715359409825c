using System.Security.Cryptography;
using MlopsServerless.Core.Serialization;

namespace MlopsServerless.Core.Pipeline;

/// <summary>
/// Run ids derive from what is trained, never from time or chance: the same dataset version with the same config is
/// the same run, so an upload seen twice (a retried blob trigger, the same bytes uploaded again) starts one run.
/// </summary>
public static class RunIds
{
    /// <summary>"{dataset}-{version}" for the default config, "{dataset}-{version}-{config hash}" otherwise.</summary>
    public static string For(string dataset, string datasetVersion, string model, PipelineConfig config)
    {
        var isDefault = config == new PipelineConfig() && model == dataset;
        if (isDefault)
        {
            return $"{dataset}-{datasetVersion}";
        }

        var hash = SHA256.HashData(MlopsJson.Serialize(new { model, config }));
        return $"{dataset}-{datasetVersion}-{Convert.ToHexStringLower(hash)[..8]}";
    }
}
