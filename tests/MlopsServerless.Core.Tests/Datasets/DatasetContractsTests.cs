using MlopsServerless.Core.Datasets;
using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Tests.Datasets;

public sealed class DatasetContractsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task SetAsync_ThenGet_ReturnsTheContract()
    {
        var contracts = new DatasetContracts(new FileSystemObjectStore(_folder.Path));

        await contracts.SetAsync("shop", new DatasetContract("bought", 50), default);

        Assert.Equal(new DatasetContract("bought", 50), await contracts.GetAsync("shop", default));
        Assert.Null(await contracts.GetAsync("other", default));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(" padded ")]
    public async Task SetAsync_UnusableLabel_IsInvalidArgumentSayingWhatToSend(string label)
    {
        var contracts = new DatasetContracts(new FileSystemObjectStore(_folder.Path));

        var e = await Assert.ThrowsAsync<MlopsException>(() => contracts.SetAsync("shop", new DatasetContract(label), default));

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
        Assert.Contains("\"label\"", e.Message);
    }

    [Fact]
    public async Task SetAsync_ZeroRows_IsInvalidArgument()
    {
        var contracts = new DatasetContracts(new FileSystemObjectStore(_folder.Path));

        var e = await Assert.ThrowsAsync<MlopsException>(() => contracts.SetAsync("shop", new DatasetContract("y", 0), default));

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
    }
}
