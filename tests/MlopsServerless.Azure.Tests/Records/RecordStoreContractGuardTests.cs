using System.Reflection;
using MlopsServerless.Azure.Records;
using MlopsServerless.Core.Storage.Records;
using MlopsServerless.Core.Tests.Storage.Records;
using MlopsServerless.Sqlite;

namespace MlopsServerless.Azure.Tests.Records;

public sealed class RecordStoreContractGuardTests
{
    private static readonly Assembly[] Products = [typeof(IRecordStore).Assembly, typeof(SqliteRecordStore).Assembly, typeof(TableRecordStore).Assembly];

    private static readonly Assembly[] Suites = [typeof(RecordStoreContract).Assembly, typeof(RecordStoreContractGuardTests).Assembly];

    [Fact]
    public void EveryRecordStoreInTheProduct_HasAConcreteContractSuite()
    {
        var stores = Products.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IRecordStore).IsAssignableFrom(t))
            .ToList();
        var covered = Suites.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsSubclassOf(typeof(RecordStoreContract)))
            .Select(StoreUnderTest)
            .ToHashSet();

        Assert.Contains(typeof(SqliteRecordStore), stores);
        Assert.Contains(typeof(TableRecordStore), stores);
        var missing = stores.Where(s => !covered.Contains(s)).Select(s => s.FullName).ToList();
        Assert.True(missing.Count == 0, $"record stores without a RecordStoreContract suite: {string.Join(", ", missing)}");
    }

    /// <summary>What a suite tests: the return type its CreateStore override declares.</summary>
    private static Type StoreUnderTest(Type suite)
    {
        for (var type = suite; type != typeof(RecordStoreContract); type = type.BaseType!)
        {
            if (type.GetMethod("CreateStore", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.DeclaredOnly) is { } create)
            {
                Assert.True(create.ReturnType != typeof(IRecordStore), $"{suite.Name}.CreateStore must declare the store's own type as its return type.");
                return create.ReturnType;
            }
        }

        throw new InvalidOperationException($"{suite.Name} does not override CreateStore.");
    }
}
