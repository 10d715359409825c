using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Storage.Records;
using Record = MlopsServerless.Core.Storage.Records.Record;

namespace MlopsServerless.Core.Tests.Monitoring.PredictionLogging;

public sealed class PredictionLogRetentionTests : IDisposable
{
    private readonly CoreHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task DeleteExpiredAsync_KeepsHoursInsideTheRetentionAndDeletesOlderOnes()
    {
        var now = _h.Time.GetUtcNow();
        var keep = new[] { now, now.AddDays(-2), now.AddDays(-3).AddMinutes(61) }.Select(t => StorageLayout.PredictionLog("churn", t)).ToList();
        var expire = new[] { now.AddDays(-3).AddHours(-1), now.AddDays(-40) }.Select(t => StorageLayout.PredictionLog("churn", t)).ToList();
        foreach (var key in keep.Concat(expire).Append("monitoring/churn/predictions/notes.txt").Append(StorageLayout.PredictionLog("other", now.AddDays(-40))))
        {
            await _h.Files.PutAsync(key, Encoding.UTF8.GetBytes("{}\n"), WriteCondition.None, CoreHarness.None);
        }

        var deleted = await Retention(days: 3).DeleteExpiredAsync("churn", CoreHarness.None);

        Assert.Equal(expire.Count, deleted);
        var left = await _h.KeysAsync("monitoring/");
        Assert.All(keep, k => Assert.Contains(k, left));
        Assert.All(expire, k => Assert.DoesNotContain(k, left));
        Assert.Contains("monitoring/churn/predictions/notes.txt", left);
        Assert.Contains(StorageLayout.PredictionLog("other", now.AddDays(-40)), left);
        Assert.Equal(0, await Retention(days: 3).DeleteExpiredAsync("churn", CoreHarness.None));
    }

    [Fact]
    public async Task DeleteExpiredAsync_IndexEntries_DeletedWithTheirHourPageAfterPageAndOtherModelsKept()
    {
        var now = _h.Time.GetUtcNow();
        var keep = new[] { now, now.AddDays(-2), now.AddDays(-3).AddMinutes(61) }.Select(PredictionLog.NewId).ToList();
        var expire = Enumerable.Range(0, 150).Select(i => PredictionLog.NewId(now.AddDays(-40).AddSeconds(i))).Append(PredictionLog.NewId(now.AddDays(-3).AddHours(-1))).ToList();
        var elsewhere = PredictionLog.NewId(now.AddDays(-40));
        foreach (var chunk in keep.Concat(expire).Chunk(100))
        {
            await _h.Records.ExecuteAsync(RecordTables.Predictions, chunk.Select(id => RecordOperation.Upsert(Entry("churn", id))).ToList(), CoreHarness.None);
        }

        await _h.Records.UpsertAsync(RecordTables.Predictions, Entry("other", elsewhere), CoreHarness.None);

        await Retention(days: 3).DeleteExpiredAsync("churn", CoreHarness.None);

        var left = new List<string>();
        await foreach (var record in _h.Records.QueryAllAsync(RecordTables.Predictions, new RecordQuery("churn"), CoreHarness.None))
        {
            left.Add(record.RowKey);
        }

        Assert.Equal(keep.Order(StringComparer.Ordinal), left);
        Assert.NotNull(await _h.Records.GetAsync(RecordTables.Predictions, "other", elsewhere, CoreHarness.None));
    }

    [Fact]
    public async Task DeleteExpiredAsync_RetentionBelowOneDay_IsInvalidArgument() =>
        Assert.Equal(ErrorCode.InvalidArgument, (await Assert.ThrowsAsync<MlopsException>(() => Retention(days: 0).DeleteExpiredAsync("churn", CoreHarness.None))).Code);

    [Fact]
    public void Defaults_AreTheDocumentedProductionValues()
    {
        var options = new PredictionLogOptions();

        Assert.Equal(0.1, options.SamplingRate);
        Assert.Equal(30, options.RetentionDays);
    }

    private PredictionLogRetention Retention(int days) =>
        new(_h.Store, _h.Records, Options.Create(new PredictionLogOptions { RetentionDays = days }), _h.Time, NullLogger<PredictionLogRetention>.Instance);

    private static Record Entry(string model, string id) =>
        RecordStoreExtensions.ToRecord(model, id, new PredictionIndexEntry(1, PredictionLog.TimeOf(id)!.Value));
}
