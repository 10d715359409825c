using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MlopsServerless.Cli.Tests.BadRequests;

/// <summary>
/// The bad-request corpus (bad-requests.json) against <c>mlops serve</c>'s app over a real socket: no request gets a
/// 5xx, every refusal is problem details whose <c>detail</c> says something, and nothing in the data directory changes.
/// </summary>
public sealed partial class BadRequestCorpusTests(ServedChurnFixture served) : IClassFixture<ServedChurnFixture>
{
    [Fact]
    public void Corpus_HasAtLeastSixtyRequests() => Assert.True(BadRequest.Corpus.Count >= 60, $"{BadRequest.Corpus.Count} requests");

    [Theory]
    [MemberData(nameof(BadRequest.Names), MemberType = typeof(BadRequest))]
    public async Task Send_BadRequest_IsRefusedWithProblemDetailsAndChangesNothing(string name)
    {
        var bad = BadRequest.Corpus[name];
        var before = Snapshot(served.DataDir);

        using var response = await served.Http.SendAsync(Build(bad));
        var text = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode < 500, $"{name}: {(int)response.StatusCode} {text}");
        Assert.True(bad.Status == (int)response.StatusCode, $"{name}: expected {bad.Status}, got {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(bad.Status, problem.GetProperty("status").GetInt32());
        var detail = problem.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(detail), name);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("code").GetString()), name);
        if (bad.DetailContains is { } expected)
        {
            Assert.True(detail!.Contains(Fill(expected), StringComparison.Ordinal), $"{name}: detail '{detail}' does not mention '{expected}'");
        }

        Assert.Equal(before, Snapshot(served.DataDir));
    }

    private HttpRequestMessage Build(BadRequest bad)
    {
        var request = new HttpRequestMessage(new HttpMethod(bad.Method), Fill(bad.Path));
        if (bad.Key is null)
        {
            request.Headers.Add("x-functions-key", served.Key);
        }
        else if (bad.Key.Length > 0)
        {
            request.Headers.Add("x-functions-key", bad.Key);
        }

        foreach (var (header, value) in bad.Headers ?? [])
        {
            if (header == "Expect")
            {
                request.Headers.ExpectContinue = true; // the server can refuse a too-large body before it is sent
                continue;
            }

            request.Headers.TryAddWithoutValidation(header, Fill(value));
        }

        var body = bad.Generate is { } generate ? Generated(generate) : bad.Body is { } b ? Fill(b) : null;
        if (body is not null || bad.ContentType is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body ?? ""));
            if (bad.ContentType is { } type)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            }
        }

        return request;
    }

    private string Fill(string text)
    {
        text = text.Replace("{predictionId}", served.PredictionId, StringComparison.Ordinal)
            .Replace("{completedRun}", served.CompletedRun, StringComparison.Ordinal)
            .Replace("{key}", served.Key, StringComparison.Ordinal);
        text = Long().Replace(text, m => new string('x', int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        return CustomerPattern().Replace(text, m => Customer(m.Groups[1].Value).ToJsonString());
    }

    private static JsonObject Customer(string change)
    {
        var customer = ServedChurnFixture.Customer();
        if (change.StartsWith('-'))
        {
            customer.Remove(change[1..]);
        }
        else if (change.Length > 0)
        {
            var (field, value) = (change[..change.IndexOf('=', StringComparison.Ordinal)], change[(change.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            customer[field] = JsonNode.Parse(value);
        }

        return customer;
    }

    private static string Generated(string spec)
    {
        var (kind, count) = (spec[..spec.IndexOf(':', StringComparison.Ordinal)], int.Parse(spec[(spec.IndexOf(':', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        return kind switch
        {
            "nesting" => new string('[', count) + new string(']', count),
            "rows" => "[" + string.Join(",", Enumerable.Repeat(ServedChurnFixture.Customer().ToJsonString(), count)) + "]",
            "bytes" => "{\"tenure_months\": \"" + new string('x', count) + "\"}",
            _ => throw new ArgumentException($"Unknown generator '{kind}'."),
        };
    }

    /// <summary>
    /// Every file under the data directory with its SHA-256: what "nothing changed" means. Except the record store's
    /// <c>-shm</c> file: SQLite's WAL index in shared memory, which every read updates and which holds no data.
    /// </summary>
    private static string Snapshot(string root) => string.Join("\n", Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
        .Where(f => !f.EndsWith("-shm", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .Select(f => Path.GetRelativePath(root, f) + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))));

    [GeneratedRegex(@"\{customer:?([^{}]*(?:\{[^}]*\})?)\}")]
    private static partial Regex CustomerPattern();

    [GeneratedRegex(@"\{long:(\d+)\}")]
    private static partial Regex Long();
}
