using MlopsServerless.Azure.Storage;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Azure.Tests.Storage;

public sealed class BlobStoreOptionsTests
{
    private const string ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=c2VjcmV0;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

    [Fact]
    public void Validate_NeitherConnectionStringNorAccountUri_SaysToSetOne()
    {
        var e = Assert.Throws<MlopsException>(() => new BlobStoreOptions().Validate());
        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
        Assert.Contains("ConnectionString", e.Message, StringComparison.Ordinal);
        Assert.Contains("AccountUri", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BothConnectionStringAndAccountUri_IsRejected()
    {
        var options = new BlobStoreOptions { ConnectionString = ConnectionString, AccountUri = new Uri("https://a.blob.core.windows.net") };
        var e = Assert.Throws<MlopsException>(options.Validate);
        Assert.Contains("not both", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Mlops")]
    [InlineData("-mlops")]
    [InlineData("ml--ops")]
    [InlineData("mlops_models")]
    public void Validate_BadContainerName_NamesIt(string container)
    {
        var options = new BlobStoreOptions { ConnectionString = ConnectionString, Container = container };
        var e = Assert.Throws<MlopsException>(options.Validate);
        Assert.Contains($"'{container}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PlainHttpAccountUriOffLoopback_IsRejected()
    {
        var options = new BlobStoreOptions { AccountUri = new Uri("http://account.blob.core.windows.net") };
        var e = Assert.Throws<MlopsException>(options.Validate);
        Assert.Contains("https", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AccountUriWithDefaultContainer_Passes()
    {
        var options = new BlobStoreOptions { AccountUri = new Uri("https://account.blob.core.windows.net") };
        options.Validate();
        Assert.Equal("mlops", options.Container);
    }

    [Fact]
    public void ToString_WithConnectionString_HidesIt()
    {
        var text = new BlobStoreOptions { ConnectionString = ConnectionString }.ToString();
        Assert.DoesNotContain("c2VjcmV0", text, StringComparison.Ordinal);
        Assert.Contains("hidden", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MalformedConnectionString_ThrowsInvalidArgumentWithoutQuotingIt()
    {
        var e = Assert.Throws<MlopsException>(() => new BlobObjectStore(new BlobStoreOptions { ConnectionString = "not-a-connection-string-s3cr3t" }));
        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
        Assert.DoesNotContain("s3cr3t", e.Message, StringComparison.Ordinal);
    }
}
