using MlopsServerless.Azure.Tests.Support;

namespace MlopsServerless.Functions.Tests.Support;

/// <summary>
/// The Azure tests' Azurite fixture (one emulator process for these tests, a container per test). xunit only reads
/// collection definitions from the test assembly itself, hence this definition; the fixture is shared, not copied.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AzuriteTests : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
