using MlopsServerless.Azure.Records;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Azure.Tests.Records;

public sealed class TableStoreOptionsTests
{
    private const string ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=c2VjcmV0;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    [Fact]
    public void Validate_NeitherConnectionStringNorServiceUri_SaysToSetOne()
    {
        var e = Assert.Throws<MlopsException>(() => new TableStoreOptions().Validate());

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
        Assert.Contains("ConnectionString", e.Message, StringComparison.Ordinal);
        Assert.Contains("ServiceUri", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BothConnectionStringAndServiceUri_IsRejected()
    {
        var options = new TableStoreOptions { ConnectionString = ConnectionString, ServiceUri = new Uri("https://a.table.core.windows.net") };

        Assert.Contains("not both", Assert.Throws<MlopsException>(options.Validate).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PlainHttpServiceUriOffLoopback_IsRejected()
    {
        var options = new TableStoreOptions { ServiceUri = new Uri("http://account.table.core.windows.net") };

        Assert.Contains("https", Assert.Throws<MlopsException>(options.Validate).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1mlops")]
    [InlineData("ml-ops")]
    [InlineData("ml_ops")]
    [InlineData("a12345678901234567890123456789012345678901")]
    public void Validate_BadTablePrefix_NamesIt(string prefix)
    {
        var options = new TableStoreOptions { ConnectionString = ConnectionString, TablePrefix = prefix };

        var e = Assert.Throws<MlopsException>(options.Validate);

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
        Assert.Contains($"'{prefix}'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("mlops")]
    [InlineData("Dev2")]
    public void Validate_ServiceUriWithAGoodPrefix_Passes(string prefix)
    {
        new TableStoreOptions { ServiceUri = new Uri("https://account.table.core.windows.net"), TablePrefix = prefix }.Validate();
    }

    [Fact]
    public void TablePrefix_Default_IsMlops()
    {
        Assert.Equal("mlops", new TableStoreOptions().TablePrefix);
    }

    [Fact]
    public void ToString_WithConnectionString_HidesIt()
    {
        var text = new TableStoreOptions { ConnectionString = ConnectionString }.ToString();

        Assert.DoesNotContain("c2VjcmV0", text, StringComparison.Ordinal);
        Assert.Contains("hidden", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MalformedConnectionString_ThrowsInvalidArgumentWithoutQuotingIt()
    {
        var e = Assert.Throws<MlopsException>(() => new TableRecordStore(new TableStoreOptions { ConnectionString = "not-a-connection-string-s3cr3t" }));

        Assert.Equal(ErrorCode.InvalidArgument, e.Code);
        Assert.DoesNotContain("s3cr3t", e.Message, StringComparison.Ordinal);
    }
}
