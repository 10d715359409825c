namespace MlopsServerless.Azure.Tests.Support;

/// <summary>Tests that share one Azurite process; each test still gets its own container.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
