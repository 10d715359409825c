using System.Reflection;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Core.Tests.Storage;

public sealed class ObjectStoreContractGuardTests
{
    [Fact]
    public void EveryObjectStoreInCore_HasAContractSuite()
    {
        var stores = typeof(IObjectStore).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IObjectStore).IsAssignableFrom(t));
        var covered = typeof(ObjectStoreContractGuardTests).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(ObjectStoreContractTests).IsAssignableFrom(t))
            .Select(t => t.Name.Replace("Tests", "", StringComparison.Ordinal))
            .ToHashSet();
        Assert.All(stores, s => Assert.Contains(s.Name, covered));
    }
}
