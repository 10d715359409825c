using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Monitoring.PredictionLogging;
using MlopsServerless.Core.Storage;

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
        new(_h.Store, Options.Create(new PredictionLogOptions { RetentionDays = days }), _h.Time, NullLogger<PredictionLogRetention>.Instance);
}
