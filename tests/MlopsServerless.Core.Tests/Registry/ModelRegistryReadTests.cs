using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Prediction;
using MlopsServerless.Core.Registry;

namespace MlopsServerless.Core.Tests.Registry;

/// <summary>Reads that serving and the history page make: a fixed number of record reads whatever the model's history.</summary>
public sealed class ModelRegistryReadTests : IDisposable
{
    private readonly CoreHarness _h = new();
    private readonly FaultyRecordStore _records;
    private readonly ModelRegistry _registry;

    public ModelRegistryReadTests()
    {
        _records = new FaultyRecordStore(_h.Records);
        _registry = new ModelRegistry(_h.Store, _records, _h.Imports, _h.Time, NullLogger<ModelRegistry>.Instance);
    }

    public void Dispose() => _h.Dispose();

    private async Task RegisterAsync(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await _registry.RegisterAsync("churn", new ModelVersionDraft($"run-{i}", "churn", "v", "logreg", new Dictionary<string, double>(),
                new Dictionary<string, ReadOnlyMemory<byte>> { [ModelFiles.Card] = Encoding.UTF8.GetBytes("{}") }), CoreHarness.None);
        }
    }

    [Theory]
    [InlineData(null, null, 3)]
    [InlineData(2, null, 2)]
    [InlineData(null, "champion", 4)]
    public async Task ResolveAsync_AnySelector_IsOneHeadReadAndOneVersionRead(int? version, string? alias, int expected)
    {
        await RegisterAsync(12);
        await _registry.SetStageAsync("churn", 3, Stage.Production, "t", "go", CoreHarness.None);
        await _registry.SetAliasAsync("churn", "champion", 4, "t", "best", CoreHarness.None);
        _records.ClearCalls();

        var resolved = await new ModelSelector(version, alias).ResolveAsync(_registry, "churn", CoreHarness.None);

        Assert.Equal(expected, resolved.Version);
        Assert.Equal(["get models/churn/model", $"get models/churn/v-{expected:D19}"], _records.Calls);
    }

    [Fact]
    public async Task ResolveAsync_UnknownModelAliasOrVersionOrNoProduction_SaysWhich()
    {
        await RegisterAsync(1);

        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<MlopsException>(() => ModelSelector.Production.ResolveAsync(_registry, "nope", CoreHarness.None))).Code);
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<MlopsException>(() => new ModelSelector(7).ResolveAsync(_registry, "churn", CoreHarness.None))).Code);
        var alias = await Assert.ThrowsAsync<MlopsException>(() => new ModelSelector(Alias: "gone").ResolveAsync(_registry, "churn", CoreHarness.None));
        Assert.Equal(ErrorCode.NotFound, alias.Code);
        Assert.Contains("no alias 'gone'", alias.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.FailedPrecondition, (await Assert.ThrowsAsync<MlopsException>(() => ModelSelector.Production.ResolveAsync(_registry, "churn", CoreHarness.None))).Code);
    }

    [Fact]
    public async Task AuditPageAsync_PagesOfTwo_ListNewestFirstWithoutGapsOrRepeats()
    {
        await RegisterAsync(1);
        for (var i = 1; i <= 5; i++)
        {
            await _registry.SetAliasAsync("churn", "a" + i, 1, "t", "r" + i, CoreHarness.None);
        }

        var reasons = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            _records.ClearCalls();
            var page = await _registry.AuditPageAsync("churn", 2, token, CoreHarness.None);
            Assert.Single(_records.Calls, c => c.StartsWith("query", StringComparison.Ordinal));
            reasons.AddRange(page.Entries.Select(e => e.Reason));
            token = page.NextPageToken;
            pages++;
            if (pages == 1)
            {
                // A change made while paging goes to the front: it shifts no later page.
                await _registry.SetAliasAsync("churn", "late", 1, "t", "late", CoreHarness.None);
            }
        }
        while (token is not null);

        Assert.Equal(["r5", "r4", "r3", "r2", "r1"], reasons);
        Assert.Equal(3, pages);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(501, null)]
    [InlineData(10, "abc")]
    [InlineData(10, "-1")]
    [InlineData(10, "0")]
    public async Task AuditPageAsync_BadSizeOrToken_IsInvalidArgument(int size, string? token)
    {
        await RegisterAsync(1);

        var error = await Assert.ThrowsAsync<MlopsException>(() => _registry.AuditPageAsync("churn", size, token, CoreHarness.None));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
    }

    [Fact]
    public async Task AuditPageAsync_UnknownModel_IsNotFound() =>
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<MlopsException>(() => _registry.AuditPageAsync("nope", 10, null, CoreHarness.None))).Code);

    [Fact]
    public async Task GetHeadAsync_AfterChanges_NamesProductionAliasesAndLatest()
    {
        await RegisterAsync(3);
        await _registry.SetStageAsync("churn", 2, Stage.Production, "t", "go", CoreHarness.None);
        await _registry.SetAliasAsync("churn", "champion", 3, "t", "best", CoreHarness.None);

        var head = await _registry.GetHeadAsync("churn", CoreHarness.None);

        Assert.Equal((3, 2, 3), (head!.LatestVersion, head.ProductionVersion, head.Aliases["champion"]));
        Assert.Equal([2], head.ProductionHistory);
        Assert.Null(await _registry.GetHeadAsync("nope", CoreHarness.None));
        Assert.Null(await _registry.FindVersionAsync("churn", 4, CoreHarness.None));
    }
}
