using MlopsServerless.Infra.Plan;

namespace MlopsServerless.Infra.Tests.CrossChecks;

public sealed class IngestSubscriptionCrossCheckTests
{
    private static readonly EnvironmentPlan Plan = TestStack.Plan();

    [Theory]
    [InlineData("iris", "2026-12-01.csv")]
    [InlineData("house-prices", "batch 7.csv")]
    public void Subscription_BlobTheIngestTriggerWatches_IsDelivered(string dataset, string name)
    {
        var (container, blob) = IngestTriggerBlob(dataset, name);

        Assert.True(Plan.IngestSubscription.Delivers(container, blob), $"{container}/{blob} is not delivered to Ingest");
    }

    [Theory]
    [InlineData("mlops", "datasets/iris/v1/data.csv")]
    [InlineData("mlops", "quarantine/iris/1/report.json")]
    [InlineData("mlops", "monitoring/m/predictions/2026-12-01.jsonl")]
    [InlineData("mlops", "incomingx/iris/a.csv")]
    [InlineData("app-package", "incoming/iris/a.csv")]
    public void Subscription_BlobOutsideTheTriggerPath_IsNotDelivered(string container, string blob)
    {
        Assert.False(Plan.IngestSubscription.Delivers(container, blob));
    }

    [Fact]
    public void Subscription_Filter_IsTheTriggerPathPrefixAsASubject()
    {
        var (container, _) = IngestTriggerBlob("d", "n");
        var literalPrefix = AppSettingsContract.IngestBlobPath[..AppSettingsContract.IngestBlobPath.IndexOf('{', StringComparison.Ordinal)];
        var blobPrefix = Resolve(literalPrefix)[(container.Length + 1)..];

        Assert.Equal($"/blobServices/default/containers/{container}/blobs/{blobPrefix}", Plan.IngestSubscription.SubjectBeginsWith);
        Assert.Equal(["Microsoft.Storage.BlobCreated"], Plan.IngestSubscription.IncludedEventTypes);
    }

    [Fact]
    public void WebhookUrl_SystemKey_TargetsIngestWithTheKeyEscaped()
    {
        var url = Plan.IngestSubscription.WebhookUrl("func-x.azurewebsites.net", "a+b/c==");

        Assert.Equal("https://func-x.azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.Ingest&code=a%2Bb%2Fc%3D%3D", url);
        Assert.Equal("blobs_extension", Plan.IngestSubscription.SystemKeyName);
    }

    /// <summary>A blob the Ingest trigger fires for, with %SETTING% resolved from the plan's own app settings.</summary>
    private static (string Container, string Blob) IngestTriggerBlob(string dataset, string name)
    {
        var path = Resolve(AppSettingsContract.IngestBlobPath).Replace("{dataset}", dataset, StringComparison.Ordinal).Replace("{name}", name, StringComparison.Ordinal);
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return (path[..slash], path[(slash + 1)..]);
    }

    private static string Resolve(string template)
    {
        foreach (var setting in Plan.AppSettings)
        {
            if (setting.Value is SettingValue.Literal literal)
            {
                template = template.Replace($"%{setting.Name}%", literal.Value, StringComparison.Ordinal);
            }
        }

        Assert.DoesNotContain("%", template, StringComparison.Ordinal);
        return template;
    }
}
