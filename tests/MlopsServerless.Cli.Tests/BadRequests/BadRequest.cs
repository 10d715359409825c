using System.Text.Json;

namespace MlopsServerless.Cli.Tests.BadRequests;

/// <summary>One row of bad-requests.json: what a user sends and the status it must get.</summary>
/// <remarks>
/// Placeholders: <c>{customer}</c> a valid feature object, <c>{customer:f=v}</c> with feature f set to the JSON v,
/// <c>{customer:-f}</c> without f, <c>{predictionId}</c> a logged prediction's id, <c>{completedRun}</c> a finished
/// run, <c>{key}</c> the API key, <c>{long:N}</c> N characters. <c>key</c>: absent sends the right key in
/// x-functions-key, "" sends none, anything else is sent as given. <c>generate</c>: <c>nesting:N</c>, <c>rows:N</c>,
/// <c>bytes:N</c> bodies too awkward to check in.
/// </remarks>
public sealed record BadRequest(
    string Name,
    string Method,
    string Path,
    int Status,
    string? Body = null,
    string? ContentType = null,
    string? Key = null,
    Dictionary<string, string>? Headers = null,
    string? Generate = null,
    string? DetailContains = null)
{
    private static readonly Lazy<Dictionary<string, BadRequest>> All = new(() =>
        JsonSerializer.Deserialize<List<BadRequest>>(File.ReadAllText(System.IO.Path.Combine(AppContext.BaseDirectory, "BadRequests", "bad-requests.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!.ToDictionary(r => r.Name, StringComparer.Ordinal));

    public static IReadOnlyDictionary<string, BadRequest> Corpus => All.Value;

    public static IEnumerable<object[]> Names => All.Value.Keys.Select(name => new object[] { name });
}
