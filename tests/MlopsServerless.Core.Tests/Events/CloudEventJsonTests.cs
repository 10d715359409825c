using System.Globalization;
using System.Text.Json;
using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Events;

namespace MlopsServerless.Core.Tests.Events;

public sealed class CloudEventJsonTests
{
    private static readonly DateTimeOffset When = new(2026, 3, 14, 11, 26, 53, 589, TimeSpan.FromHours(2));

    public static TheoryData<string> Kinds() => ["dataset", "registered", "promoted", "completed", "failed"];

    private static MlopsEvent Make(string kind) => kind switch
    {
        "dataset" => DomainEvents.DatasetVersioned(new DatasetManifest("churn", "0123456789abcdef", new string('a', 64), "incoming/churn/a.csv", 10, 25, "churned", [], When)),
        "registered" => DomainEvents.ModelRegistered("churn", 3, "churn-0123", When),
        "promoted" => DomainEvents.ModelPromoted("churn", 3, "Production", 2, "better", When),
        "completed" => DomainEvents.PipelineFinished("churn-0123", true, "churn", 3, null, When),
        _ => DomainEvents.PipelineFinished("churn-0123", false, "churn", null, "boom", When),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Serialize_DomainEvent_IsAStructuredCloudEvent(string kind)
    {
        var e = Make(kind);

        var json = CloudEventJson.Serialize(e);

        Assert.DoesNotContain((byte)'\n', json);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        foreach (var required in new[] { "id", "source", "type", "specversion" })
        {
            Assert.False(string.IsNullOrEmpty(root.GetProperty(required).GetString()), required);
        }

        Assert.Equal(e.Id, root.GetProperty("id").GetString());
        Assert.Equal(DomainEvents.Source, root.GetProperty("source").GetString());
        Assert.True(Uri.TryCreate(root.GetProperty("source").GetString(), UriKind.RelativeOrAbsolute, out _));
        Assert.Equal(e.Type, root.GetProperty("type").GetString());
        Assert.StartsWith("MlopsServerless.", e.Type, StringComparison.Ordinal);
        Assert.Equal(e.Subject, root.GetProperty("subject").GetString());
        Assert.Equal("application/json", root.GetProperty("datacontenttype").GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("data").ValueKind);
        Assert.Equal(
            ["data", "datacontenttype", "id", "source", "specversion", "subject", "time", "type"],
            root.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Serialize_Time_IsRfc3339InUtc()
    {
        var time = JsonDocument.Parse(CloudEventJson.Serialize(Make("registered"))).RootElement.GetProperty("time").GetString()!;

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", time);
        var parsed = DateTimeOffset.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.Equal(When, parsed);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
        Assert.StartsWith("2026-03-14T09:26:53.589", time, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_Data_CarriesTheEventPayload()
    {
        var data = JsonDocument.Parse(CloudEventJson.Serialize(Make("promoted"))).RootElement.GetProperty("data");

        Assert.Equal("churn", data.GetProperty("model").GetString());
        Assert.Equal(3, data.GetProperty("version").GetInt32());
        Assert.Equal(2, data.GetProperty("previousVersion").GetInt32());
    }

    [Fact]
    public void DomainEvents_SameHappening_HasTheSameId()
    {
        Assert.Equal(DomainEvents.ModelRegistered("churn", 3, "r", When).Id, DomainEvents.ModelRegistered("churn", 3, "r", When.AddHours(1)).Id);
        Assert.NotEqual(DomainEvents.ModelRegistered("churn", 3, "r", When).Id, DomainEvents.ModelRegistered("churn", 4, "r", When).Id);
        Assert.NotEqual(Make("completed").Id, Make("failed").Id);
    }
}
