using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Events;

namespace MlopsServerless.Core.Tests.Events;

public sealed class LocalEventPublisherTests : IDisposable
{
    private static readonly Uri Webhook = new("http://127.0.0.1:9/hook");
    private static readonly DateTimeOffset Day = new(2026, 3, 14, 23, 59, 0, TimeSpan.Zero);
    private readonly CoreHarness _h = new();

    public void Dispose() => _h.Dispose();

    private LocalEventPublisher Publisher(HttpMessageHandler? handler) =>
        new(_h.Files, handler is null ? null : new HttpClient(handler), handler is null ? null : Webhook, NullLogger<LocalEventPublisher>.Instance);

    private async Task<string[]> LinesAsync(string key) =>
        Encoding.UTF8.GetString((await _h.Files.GetAsync(key, CoreHarness.None))!.Content.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task PublishAsync_NoWebhook_AppendsOneCloudEventLinePerEventInTheDaysLog()
    {
        var publisher = Publisher(null);

        await publisher.PublishAsync(DomainEvents.ModelRegistered("churn", 1, "r1", Day), CoreHarness.None);
        await publisher.PublishAsync(DomainEvents.ModelRegistered("churn", 2, "r2", Day), CoreHarness.None);
        await publisher.PublishAsync(DomainEvents.ModelRegistered("churn", 3, "r3", Day.AddMinutes(2)), CoreHarness.None);

        var lines = await LinesAsync("events/2026-03-14.jsonl");
        Assert.Equal(["model-registered:churn:1", "model-registered:churn:2"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()));
        Assert.Single(await LinesAsync("events/2026-03-15.jsonl"));
    }

    [Fact]
    public async Task PublishAsync_Webhook_PostsTheSameCloudEventAsStructuredJson()
    {
        var handler = new StubHandler(HttpStatusCode.Accepted);
        var e = DomainEvents.ModelPromoted("churn", 2, "Production", 1, "better", Day);

        await Publisher(handler).PublishAsync(e, CoreHarness.None);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(Webhook, request.Uri);
        Assert.Equal("application/cloudevents+json", request.ContentType);
        Assert.Equal(CloudEventJson.Serialize(e), request.Body);
        Assert.Equal(Encoding.UTF8.GetString(request.Body), Assert.Single(await LinesAsync("events/2026-03-14.jsonl")));
    }

    [Fact]
    public async Task PublishAsync_WebhookAnswersError_IsUnavailableButTheLineIsLogged()
    {
        var e = DomainEvents.ModelRegistered("churn", 1, "r1", Day);

        var error = await Assert.ThrowsAsync<MlopsException>(() => Publisher(new StubHandler(HttpStatusCode.InternalServerError)).PublishAsync(e, CoreHarness.None));

        Assert.Equal(ErrorCode.Unavailable, error.Code);
        Assert.Contains("500", error.Message);
        Assert.Single(await LinesAsync("events/2026-03-14.jsonl"));
    }

    [Fact]
    public async Task PublishAsync_WebhookUnreachable_IsUnavailableButTheLineIsLogged()
    {
        var e = DomainEvents.ModelRegistered("churn", 1, "r1", Day);

        var error = await Assert.ThrowsAsync<MlopsException>(() => Publisher(new StubHandler(null)).PublishAsync(e, CoreHarness.None));

        Assert.Equal(ErrorCode.Unavailable, error.Code);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Single(await LinesAsync("events/2026-03-14.jsonl"));
    }

    [Fact]
    public async Task PublishAsync_RealLoopbackListener_ReceivesTheEvent()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        var received = Task.Run(async () =>
        {
            var context = await listener.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var contentType = context.Request.ContentType;
            context.Response.StatusCode = 204;
            context.Response.Close();
            return (body, contentType);
        });
        using var client = new HttpClient();
        var publisher = new LocalEventPublisher(_h.Files, client, new Uri($"http://127.0.0.1:{port}/hook/"), NullLogger<LocalEventPublisher>.Instance);

        await publisher.PublishAsync(DomainEvents.PipelineFinished("run-1", true, "churn", 1, null, Day), CoreHarness.None);

        var (body, type) = await received.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("application/cloudevents+json", type);
        Assert.Equal("pipeline-completed:run-1", JsonDocument.Parse(body).RootElement.GetProperty("id").GetString());
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private sealed record Received(HttpMethod Method, Uri? Uri, string? ContentType, byte[] Body);

    /// <summary>Answers every request with <c>status</c>, or fails it as unreachable when status is null.</summary>
    private sealed class StubHandler(HttpStatusCode? status) : HttpMessageHandler
    {
        private readonly ConcurrentQueue<Received> _requests = new();

        public IReadOnlyList<Received> Requests => [.. _requests];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            _requests.Enqueue(new Received(request.Method, request.RequestUri, request.Content?.Headers.ContentType?.MediaType, body));
            return status is { } code ? new HttpResponseMessage(code) : throw new HttpRequestException("connection refused");
        }
    }
}
