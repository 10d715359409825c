// Mirrors NuGet package Pulumi 3.112.1 (pulumi/pulumi-dotnet tag v3.112.1, sdk/Pulumi/Testing/IMocks.cs, TestOptions.cs, Deployment/Deployment_Run.cs): declarations only; used only to type-check the mocks tests (PulumiMocksTypeCheck=true).
#nullable enable
using System.Collections.Immutable;

namespace Pulumi.Testing
{
    public interface IMocks
    {
        Task<(string? id, object state)> NewResourceAsync(MockResourceArgs args);

        Task<object> CallAsync(MockCallArgs args);

        Task RegisterResourceOutputs(MockRegisterResourceOutputsRequest args) => Task.CompletedTask;
    }

    public class MockResourceArgs
    {
        public string? Type { get; set; }

        public string? Name { get; set; }

        public ImmutableDictionary<string, object> Inputs { get; set; } = null!;

        public string? Provider { get; set; }

        public string? Id { get; set; }
    }

    public class MockCallArgs
    {
        public string? Token { get; set; }

        public ImmutableDictionary<string, object> Args { get; set; } = null!;

        public string? Provider { get; set; }
    }

    public class MockRegisterResourceOutputsRequest
    {
        public readonly string Urn;
        public readonly ImmutableDictionary<string, Output<object?>> Outputs;

        public MockRegisterResourceOutputsRequest(string urn, ImmutableDictionary<string, Output<object?>> outputs) =>
            throw OfflineDeclaration.NotAvailable();
    }

    public class TestOptions
    {
        public string? ProjectName { get; set; }

        public string? RootDirectory { get; set; }

        public string? StackName { get; set; }

        public bool? IsPreview { get; set; }

        public string? OrganizationName { get; set; }
    }
}

namespace Pulumi
{
    public sealed partial class Deployment
    {
        public static Task<ImmutableArray<Resource>> TestAsync<TStack>(Pulumi.Testing.IMocks mocks, Pulumi.Testing.TestOptions? options = null)
            where TStack : Stack, new() => throw OfflineDeclaration.NotAvailable();
    }
}
