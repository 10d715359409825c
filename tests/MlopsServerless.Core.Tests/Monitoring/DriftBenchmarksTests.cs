using MlopsServerless.Core.Monitoring;

namespace MlopsServerless.Core.Tests.Monitoring;

public sealed class DriftBenchmarksTests
{
    [Fact]
    public void Run_SmallTables_TimesBothStepsAndFindsTheShiftedHalf()
    {
        var result = DriftBenchmarks.Run(rows: 5000, features: 8, repeats: 1);

        Assert.Equal(5000, result.Rows);
        Assert.Equal(8, result.Features);
        Assert.True(result.ProfileMilliseconds > 0);
        Assert.True(result.CompareMilliseconds > 0);
        Assert.Equal(4, result.DriftedFeatures);
    }
}
