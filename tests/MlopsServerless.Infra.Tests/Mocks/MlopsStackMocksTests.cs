using System.Collections.Immutable;
using MlopsServerless.Infra.Plan;
using MlopsServerless.Infra.Stacks;
using Pulumi;
using Pulumi.Testing;

namespace MlopsServerless.Infra.Tests.Mocks;

/// <summary>The resource graph the real Pulumi SDK builds from the stack, through Pulumi's own mocks. One deployment is
/// run for the class (Pulumi's test deployments must not run in parallel).</summary>
public sealed class MlopsStackMocksTests
{
    private static readonly Lazy<Task<Deployed>> Run = new(DeployAsync);

    [Fact]
    public async Task Stack_Dev_DeclaresEveryResourceOfTheEnvironment()
    {
        var deployed = await Run.Value;

        Assert.Equal(
            new[]
            {
                "azure-native:applicationinsights:Component", "azure-native:authorization:RoleAssignment",
                "azure-native:eventgrid:SystemTopic", "azure-native:eventgrid:SystemTopicEventSubscription",
                "azure-native:eventgrid:Topic", "azure-native:managedidentity:UserAssignedIdentity",
                "azure-native:operationalinsights:Workspace", "azure-native:resources:ResourceGroup",
                "azure-native:storage:BlobContainer", "azure-native:storage:ManagementPolicy",
                "azure-native:storage:StorageAccount", "azure-native:web:AppServicePlan", "azure-native:web:WebApp",
                "command:local:Command",
            },
            deployed.Resources.Select(r => r.Type!).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Stack_Dev_StorageAccountIsLockedDown()
    {
        var account = (await Run.Value).Single("azure-native:storage:StorageAccount");

        Assert.Equal(false, account["allowBlobPublicAccess"]);
        Assert.Equal(false, account["allowSharedKeyAccess"]);
        Assert.Equal(true, account["enableHttpsTrafficOnly"]);
        Assert.Equal("TLS1_2", account["minimumTlsVersion"]);
    }

    [Fact]
    public async Task Stack_Dev_RolesOnSingleResourcesOnly()
    {
        var deployed = await Run.Value;
        var scopes = deployed.All("azure-native:authorization:RoleAssignment").Select(r => (string)r["scope"]).ToList();

        Assert.Equal(5, scopes.Count);
        Assert.All(scopes, scope => Assert.Matches("/providers/Microsoft\\.(Storage|EventGrid|Insights)/", scope));
        Assert.All(deployed.All("azure-native:authorization:RoleAssignment"), r => Assert.Equal("ServicePrincipal", r["principalType"]));
        Assert.Equal(
            deployed.Plan.Roles.Select(r => r.AssignmentName.ToString("D")).Order(),
            deployed.All("azure-native:authorization:RoleAssignment").Select(r => (string)r["roleAssignmentName"]).Order());
    }

    [Fact]
    public async Task Stack_Dev_IngestSubscriptionTargetsTheBlobWebhookForIncomingOnly()
    {
        var deployed = await Run.Value;
        var subscription = deployed.Single("azure-native:eventgrid:SystemTopicEventSubscription");
        var destination = (ImmutableDictionary<string, object>)subscription["destination"];
        var filter = (ImmutableDictionary<string, object>)subscription["filter"];

        Assert.Equal("WebHook", destination["endpointType"]);
        Assert.Equal(
            $"https://{RecordingMocks.HostName}/runtime/webhooks/blobs?functionName=Host.Functions.Ingest&code=sys%2Bkey%2F%3D",
            destination["endpointUrl"]);
        Assert.Equal("/blobServices/default/containers/mlops/blobs/incoming/", filter["subjectBeginsWith"]);
        Assert.Equal(new object[] { "Microsoft.Storage.BlobCreated" }, ((ImmutableArray<object>)filter["includedEventTypes"]).ToArray());
    }

    [Fact]
    public async Task Stack_Dev_AppSettingsAreThePlansWithResolvedOutputs()
    {
        var deployed = await Run.Value;
        var app = deployed.Single("azure-native:web:WebApp");
        var siteConfig = (ImmutableDictionary<string, object>)app["siteConfig"];
        var settings = ((ImmutableArray<object>)siteConfig["appSettings"]).Cast<ImmutableDictionary<string, object>>()
            .ToDictionary(s => (string)s["name"], s => (string)s["value"]);

        Assert.Equal(deployed.Plan.AppSettings.Select(s => s.Name).Order(), settings.Keys.Order());
        Assert.Equal("managedidentity", settings["MlopsStorage__credential"]);
        Assert.Equal("client-id-1", settings["MlopsStorage__clientId"]);
        Assert.Equal($"https://{deployed.Plan.Names.DataAccount}.blob.core.windows.net/", settings["MlopsStorage__blobServiceUri"]);
        Assert.Equal("Authorization=AAD;ClientId=client-id-1", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Equal(true, app["httpsOnly"]);
    }

    [Fact]
    public async Task Stack_Dev_TelemetryAndEventsRefuseLocalAuth()
    {
        var deployed = await Run.Value;

        Assert.Equal(true, deployed.Single("azure-native:applicationinsights:Component")["disableLocalAuth"]);
        Assert.Equal(true, deployed.Single("azure-native:eventgrid:Topic")["disableLocalAuth"]);
        Assert.Equal("CloudEventSchemaV1_0", deployed.Single("azure-native:eventgrid:Topic")["inputSchema"]);
    }

    [Fact]
    public async Task Stack_Dev_OutputsNameTheAppAndAccount()
    {
        var deployed = await Run.Value;

        Assert.Equal($"https://{RecordingMocks.HostName}/api/models/{{name}}/predict", await ValueOf(deployed.Stack.PredictUrlTemplate));
        Assert.Equal(deployed.Plan.Names.DataAccount, await ValueOf(deployed.Stack.DataAccountName));
    }

    private static async Task<Deployed> DeployAsync()
    {
        var root = Directory.CreateTempSubdirectory("infra-mocks-");
        var package = Path.Combine(root.FullName, "functions.zip");
        await File.WriteAllTextAsync(package, "not really a zip");
        Environment.SetEnvironmentVariable("PULUMI_CONFIG",
            $$"""{ "mlops:location": "westeurope", "mlops:packagePath": "{{package.Replace("\\", "\\\\", StringComparison.Ordinal)}}" }""");

        var mocks = new RecordingMocks();
        var resources = await Deployment.TestAsync<MlopsStack>(mocks, new TestOptions
        {
            OrganizationName = "acme",
            ProjectName = "mlops-serverless",
            StackName = "dev",
            RootDirectory = root.FullName,
            IsPreview = false,
        });

        var plan = EnvironmentPlan.For(TestStack.Settings());
        return new Deployed(mocks.Resources.ToList(), resources.OfType<MlopsStack>().Single(), plan);
    }

    private static Task<T> ValueOf<T>(Output<T> output)
    {
        var value = new TaskCompletionSource<T>();
        output.Apply(v =>
        {
            value.TrySetResult(v);
            return v;
        });
        return value.Task;
    }

    private sealed record Deployed(IReadOnlyList<MockResourceArgs> Resources, MlopsStack Stack, EnvironmentPlan Plan)
    {
        public ImmutableDictionary<string, object> Single(string type) => Assert.Single(All(type));

        public IEnumerable<ImmutableDictionary<string, object>> All(string type) =>
            Resources.Where(r => r.Type == type).Select(r => r.Inputs);
    }
}
