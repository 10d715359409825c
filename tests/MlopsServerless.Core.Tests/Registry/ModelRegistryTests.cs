using System.Text;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Registry;
using MlopsServerless.Core.Storage.Records;

namespace MlopsServerless.Core.Tests.Registry;

public sealed class ModelRegistryTests : IDisposable
{
    private readonly CoreHarness _h = new();

    public void Dispose() => _h.Dispose();

    private ModelRegistry Registry => _h.Registry;

    private static ModelVersionDraft Draft(string runId, double auc = 0.8) => new(
        runId,
        "churn",
        "0123456789abcdef",
        "logreg",
        new Dictionary<string, double> { ["auc"] = auc },
        new Dictionary<string, ReadOnlyMemory<byte>>
        {
            [ModelFiles.Model] = Encoding.UTF8.GetBytes($"{{\"run\":\"{runId}\"}}"),
            [ModelFiles.Card] = Encoding.UTF8.GetBytes("{}"),
        });

    private async Task<int> RegisterAsync(string runId) => (await Registry.RegisterAsync("churn", Draft(runId), CoreHarness.None)).Version;

    [Fact]
    public async Task RegisterAsync_EightConcurrentRuns_GetVersionsOneToEightExactlyOnce()
    {
        var runIds = Enumerable.Range(0, 8).Select(i => $"run-{i}").ToList();

        var versions = await Task.WhenAll(runIds.Select(id => Task.Run(() => Registry.RegisterAsync("churn", Draft(id), CoreHarness.None))));

        Assert.Equal(Enumerable.Range(1, 8), versions.Select(v => v.Version).Order());
        var model = await Registry.GetRequiredAsync("churn", CoreHarness.None);
        Assert.Equal(Enumerable.Range(1, 8), model.Versions.Select(v => v.Version));
        foreach (var version in versions)
        {
            Assert.Equal(version.RunId, model.Find(version.Version)!.RunId);
            var file = await Registry.ReadFileAsync("churn", version.Version, ModelFiles.Model, CoreHarness.None);
            Assert.Contains(version.RunId, Encoding.UTF8.GetString(file!.Value.Span));
        }
    }

    [Fact]
    public async Task RegisterAsync_SameRunTwice_ReturnsSameVersionAndRewritesMissingFiles()
    {
        var first = await Registry.RegisterAsync("churn", Draft("run-a"), CoreHarness.None);
        await _h.Files.DeleteAsync($"models/churn/{first.Version}/{ModelFiles.Card}", CoreHarness.None);

        var again = await Registry.RegisterAsync("churn", Draft("run-a"), CoreHarness.None);

        Assert.Equal(first.Version, again.Version);
        Assert.Single((await Registry.GetRequiredAsync("churn", CoreHarness.None)).Versions);
        Assert.NotNull(await Registry.ReadFileAsync("churn", first.Version, ModelFiles.Card, CoreHarness.None));
    }

    [Fact]
    public async Task RegisterAsync_NewVersion_StartsInStageNone()
    {
        var version = await Registry.RegisterAsync("churn", Draft("run-a"), CoreHarness.None);

        Assert.Equal(Stage.None, version.Stage);
        Assert.Equal(1, version.Version);
        Assert.Equal(0.8, version.Metrics["auc"]);
    }

    [Fact]
    public async Task SetStageAsync_Production_ArchivesPreviousProductionAndAudits()
    {
        await RegisterAsync("run-1");
        await RegisterAsync("run-2");
        await Registry.SetStageAsync("churn", 1, Stage.Production, "alice", "first release", CoreHarness.None);
        _h.Time.Advance(TimeSpan.FromMinutes(5));

        var change = await Registry.SetStageAsync("churn", 2, Stage.Production, "bob", "better auc", CoreHarness.None);

        Assert.True(change.Changed);
        Assert.Equal(Stage.None, change.From);
        Assert.Equal(1, change.ReplacedProduction);
        var model = await Registry.GetRequiredAsync("churn", CoreHarness.None);
        Assert.Equal(2, model.Production!.Version);
        Assert.Equal(Stage.Archived, model.Find(1)!.Stage);
        Assert.Single(model.Versions, v => v.Stage == Stage.Production);
        Assert.Equal(_h.Time.GetUtcNow(), model.Find(2)!.StageChangedAt);

        var audit = await Registry.AuditLogAsync("churn", CoreHarness.None);
        Assert.Equal(3, audit.Count);
        Assert.Equal(("alice", 1, "None", "Production", "first release"), (audit[0].Actor, audit[0].Version, audit[0].From, audit[0].To, audit[0].Reason));
        Assert.Equal(("bob", 2, "None", "Production", "better auc"), (audit[1].Actor, audit[1].Version, audit[1].From, audit[1].To, audit[1].Reason));
        Assert.Equal(("bob", 1, "Production", "Archived"), (audit[2].Actor, audit[2].Version, audit[2].From, audit[2].To));
        Assert.Contains("better auc", audit[2].Reason);
    }

    [Fact]
    public async Task SetStageAsync_SameStage_ChangesNothingAndWritesNoAudit()
    {
        await RegisterAsync("run-1");
        await Registry.SetStageAsync("churn", 1, Stage.Staging, "alice", "check", CoreHarness.None);
        var before = await _h.Records.GetAsync(RecordTables.Models, "churn", "model", CoreHarness.None);

        var change = await Registry.SetStageAsync("churn", 1, Stage.Staging, "bob", "again", CoreHarness.None);

        Assert.False(change.Changed);
        Assert.Single(await Registry.AuditLogAsync("churn", CoreHarness.None));
        var after = await _h.Records.GetAsync(RecordTables.Models, "churn", "model", CoreHarness.None);
        Assert.Equal(before!.ETag, after!.ETag);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task SetStageAsync_EmptyReason_IsInvalidArgument(string reason)
    {
        await RegisterAsync("run-1");

        var error = await Assert.ThrowsAsync<MlopsException>(() => Registry.SetStageAsync("churn", 1, Stage.Production, "alice", reason, CoreHarness.None));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Null((await Registry.GetRequiredAsync("churn", CoreHarness.None)).Production);
    }

    [Fact]
    public async Task RollbackAsync_AfterTwoPromotions_ReturnsToPreviousProduction()
    {
        await RegisterAsync("run-1");
        await RegisterAsync("run-2");
        await Registry.SetStageAsync("churn", 1, Stage.Production, "alice", "first", CoreHarness.None);
        await Registry.SetStageAsync("churn", 2, Stage.Production, "alice", "second", CoreHarness.None);

        var change = await Registry.RollbackAsync("churn", "carol", "v2 misbehaves", CoreHarness.None);

        Assert.Equal(1, change.Version);
        Assert.Equal(2, change.ReplacedProduction);
        var model = await Registry.GetRequiredAsync("churn", CoreHarness.None);
        Assert.Equal(1, model.Production!.Version);
        Assert.Equal(Stage.Archived, model.Find(2)!.Stage);
        var last = (await Registry.AuditLogAsync("churn", CoreHarness.None)).Where(a => a.Version == 1).Last();
        Assert.Equal("carol", last.Actor);
        Assert.Contains("v2 misbehaves", last.Reason);
    }

    [Fact]
    public async Task RollbackAsync_TwiceInARow_GoesBackAndForth()
    {
        await RegisterAsync("run-1");
        await RegisterAsync("run-2");
        await Registry.SetStageAsync("churn", 1, Stage.Production, "alice", "first", CoreHarness.None);
        await Registry.SetStageAsync("churn", 2, Stage.Production, "alice", "second", CoreHarness.None);
        await Registry.RollbackAsync("churn", "carol", "oops", CoreHarness.None);

        var change = await Registry.RollbackAsync("churn", "carol", "oops again", CoreHarness.None);

        Assert.Equal(2, change.Version);
        Assert.Equal(2, (await Registry.GetRequiredAsync("churn", CoreHarness.None)).Production!.Version);
    }

    [Fact]
    public async Task RollbackAsync_NoEarlierProduction_IsFailedPrecondition()
    {
        await RegisterAsync("run-1");
        await Registry.SetStageAsync("churn", 1, Stage.Production, "alice", "first", CoreHarness.None);

        var error = await Assert.ThrowsAsync<MlopsException>(() => Registry.RollbackAsync("churn", "carol", "why not", CoreHarness.None));

        Assert.Equal(ErrorCode.FailedPrecondition, error.Code);
        Assert.Equal(1, (await Registry.GetRequiredAsync("churn", CoreHarness.None)).Production!.Version);
    }

    [Fact]
    public async Task SetAliasAsync_MovesAliasAndAuditsOldAndNewVersion()
    {
        await RegisterAsync("run-1");
        await RegisterAsync("run-2");
        await Registry.SetAliasAsync("churn", "challenger", 1, "alice", "try it", CoreHarness.None);

        await Registry.SetAliasAsync("churn", "challenger", 2, "bob", "newer", CoreHarness.None);

        var model = await Registry.GetRequiredAsync("churn", CoreHarness.None);
        Assert.Equal(2, model.Aliases["challenger"]);
        var audit = await Registry.AuditLogAsync("churn", CoreHarness.None);
        Assert.Equal(2, audit.Count);
        Assert.Equal(("alias:challenger", null, "1", "alice"), (audit[0].Action, audit[0].From, audit[0].To, audit[0].Actor));
        Assert.Equal(("alias:challenger", "1", "2", "newer"), (audit[1].Action, audit[1].From, audit[1].To, audit[1].Reason));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("")]
    [InlineData("a/b")]
    public async Task SetAliasAsync_BadAliasName_IsInvalidArgument(string alias)
    {
        await RegisterAsync("run-1");

        var error = await Assert.ThrowsAsync<MlopsException>(() => Registry.SetAliasAsync("churn", alias, 1, "alice", "x", CoreHarness.None));

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
    }

    [Fact]
    public async Task Operations_UnknownModelOrVersion_AreNotFound()
    {
        await RegisterAsync("run-1");

        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<MlopsException>(() => Registry.GetRequiredAsync("nope", CoreHarness.None))).Code);
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<MlopsException>(() => Registry.SetStageAsync("nope", 1, Stage.Production, "a", "r", CoreHarness.None))).Code);
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<MlopsException>(() => Registry.SetStageAsync("churn", 9, Stage.Production, "a", "r", CoreHarness.None))).Code);
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<MlopsException>(() => Registry.SetAliasAsync("churn", "champion", 9, "a", "r", CoreHarness.None))).Code);
        Assert.Equal(ErrorCode.NotFound, (await Assert.ThrowsAsync<MlopsException>(() => Registry.RollbackAsync("nope", "a", "r", CoreHarness.None))).Code);
        Assert.Null(await Registry.GetAsync("nope", CoreHarness.None));
    }

    [Fact]
    public async Task ListAsync_ReturnsEveryRegisteredModel()
    {
        await Registry.RegisterAsync("churn", Draft("run-1"), CoreHarness.None);
        await Registry.RegisterAsync("fraud", Draft("run-2"), CoreHarness.None);

        var models = await Registry.ListAsync(CoreHarness.None);

        Assert.Equal(["churn", "fraud"], models.Select(m => m.Name).Order());
    }
}
