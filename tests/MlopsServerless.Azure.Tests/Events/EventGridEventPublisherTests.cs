using System.Net;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core.Pipeline;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using MlopsServerless.Azure.Events;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Events;

namespace MlopsServerless.Azure.Tests.Events;

public sealed class EventGridEventPublisherTests
{
    private static readonly Uri Topic = new("https://topic.westeurope-1.eventgrid.azure.net/api/events");

    private static readonly MlopsEvent Registered = new(
        "run-42/register",
        EventTypes.ModelRegistered,
        "/mlops/registry",
        "models/churn/versions/3",
        new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero),
        JsonDocument.Parse("""{"model":"churn","version":3,"metrics":{"auc":0.91}}""").RootElement.Clone());

    [Fact]
    public void ToCloudEvent_ModelRegistered_CopiesEveryAttributeAndJsonData()
    {
        var cloudEvent = EventGridEventPublisher.ToCloudEvent(Registered);

        Assert.Equal("run-42/register", cloudEvent.Id);
        Assert.Equal("MlopsServerless.ModelRegistered", cloudEvent.Type);
        Assert.Equal("/mlops/registry", cloudEvent.Source);
        Assert.Equal("models/churn/versions/3", cloudEvent.Subject);
        Assert.Equal(Registered.Time, cloudEvent.Time);
        Assert.Equal("application/json", cloudEvent.DataContentType);
        using var data = JsonDocument.Parse(cloudEvent.Data!.ToMemory());
        Assert.Equal(0.91, data.RootElement.GetProperty("metrics").GetProperty("auc").GetDouble());
        Assert.Equal(3, data.RootElement.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task PublishAsync_SendsOneCloudEventWithJsonDataAndTheKey()
    {
        var handler = new CapturingHandler(HttpStatusCode.OK);
        var publisher = Publisher(handler);

        await publisher.PublishAsync(Registered, CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal("test-key", request.Headers["aeg-sas-key"]);
        Assert.StartsWith("application/cloudevents-batch+json", request.ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        var sent = Assert.Single(body.RootElement.EnumerateArray().ToList());
        Assert.Equal("1.0", sent.GetProperty("specversion").GetString());
        Assert.Equal("run-42/register", sent.GetProperty("id").GetString());
        Assert.Equal("models/churn/versions/3", sent.GetProperty("subject").GetString());
        Assert.Equal("churn", sent.GetProperty("data").GetProperty("model").GetString());
        Assert.False(sent.TryGetProperty("data_base64", out _));
    }

    [Fact]
    public async Task PublishAsync_TopicRefuses_ThrowsUnavailableNamingTheEvent()
    {
        var publisher = Publisher(new CapturingHandler(HttpStatusCode.Forbidden));
        var e = await Assert.ThrowsAsync<MlopsException>(() => publisher.PublishAsync(Registered, CancellationToken.None));
        Assert.Equal(ErrorCode.Unavailable, e.Code);
        Assert.Contains("run-42/register", e.Message, StringComparison.Ordinal);
        Assert.Contains("403", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingEndpoint_SaysWhatToSet()
    {
        var e = Assert.Throws<MlopsException>(() => new EventGridPublisherOptions().Validate());
        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
        Assert.Contains("TopicEndpoint", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_WithAccessKey_HidesIt()
    {
        var text = new EventGridPublisherOptions { TopicEndpoint = Topic, AccessKey = "k3y-s3cr3t" }.ToString();
        Assert.DoesNotContain("k3y-s3cr3t", text, StringComparison.Ordinal);
    }

    private static EventGridEventPublisher Publisher(CapturingHandler handler)
    {
        var clientOptions = new EventGridPublisherClientOptions
        {
            Transport = new HttpClientTransport(new HttpClient(handler)),
            Retry = { MaxRetries = 0 },
        };
        var client = EventGridEventPublisher.ClientOf(new EventGridPublisherOptions { TopicEndpoint = Topic, AccessKey = "test-key" }, clientOptions);
        return new EventGridEventPublisher(client, Topic);
    }

    /// <summary>Answers every request with one status and keeps what was sent; nothing leaves the process.</summary>
    private sealed class CapturingHandler(HttpStatusCode status) : HttpMessageHandler
    {
        public List<(Dictionary<string, string> Headers, string ContentType, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((headers, request.Content?.Headers.ContentType?.ToString() ?? "", body));
            return new HttpResponseMessage(status) { Content = new StringContent("", Encoding.UTF8, "application/json") };
        }
    }
}
