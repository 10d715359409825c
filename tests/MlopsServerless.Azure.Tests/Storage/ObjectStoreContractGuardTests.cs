using MlopsServerless.Azure.Storage;
using MlopsServerless.Core.Storage;
using MlopsServerless.Core.Tests.Storage;

namespace MlopsServerless.Azure.Tests.Storage;

public sealed class ObjectStoreContractGuardTests
{
    [Fact]
    public void EveryObjectStoreInAzure_HasAContractSuite()
    {
        var stores = typeof(BlobObjectStore).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IObjectStore).IsAssignableFrom(t))
            .ToList();
        var covered = typeof(ObjectStoreContractGuardTests).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(ObjectStoreContractTests).IsAssignableFrom(t))
            .Select(t => t.Name.Replace("Tests", "", StringComparison.Ordinal))
            .ToHashSet();
        Assert.NotEmpty(stores);
        Assert.All(stores, s => Assert.Contains(s.Name, covered));
    }
}
