using System.Text.Json;

namespace MlopsServerless.Infra.Tests.CrossChecks;

public sealed class LocalSettingsCrossCheckTests
{
    private static readonly IReadOnlySet<string> ProgramSettings = TestStack.Plan().AppSettings.Select(s => s.Name).ToHashSet();

    [Fact]
    public void Plan_EverySettingTheAppReadsLocally_IsSetInAzure()
    {
        var keys = SampleKeys();
        Assert.NotEmpty(keys.Except(AppSettingsContract.LocalOnly));

        var missing = keys
            .Where(key => !AppSettingsContract.LocalOnly.Contains(key) && !ProgramSettings.Contains(key))
            .Where(key => !AppSettingsContract.DefaultedOptionSections.Any(section => key.StartsWith(section, StringComparison.Ordinal)))
            .ToList();

        Assert.True(missing.Count == 0, $"local.settings.sample.json has settings the program never sets: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Plan_EveryContractSetting_IsSet()
    {
        Assert.Empty(AppSettingsContract.AzureSettings.Except(ProgramSettings));
    }

    [Fact]
    public void Plan_NoSettingOutsideTheContract()
    {
        Assert.Empty(ProgramSettings.Except(AppSettingsContract.AzureSettings));
    }

    [Fact]
    public void Sample_EveryContractSetting_IsListedForLocalRuns()
    {
        Assert.Empty(AppSettingsContract.AzureSettings.Except(SampleKeys()));
    }

    private static HashSet<string> SampleKeys()
    {
        using var document = JsonDocument.Parse(
            File.ReadAllText(RepositoryFiles.PathOf("local.settings.sample.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }
}
