using System.Text.RegularExpressions;
using MlopsServerless.Infra.Plan;

namespace MlopsServerless.Infra.Tests.Plan;

public sealed partial class ResourceNamesTests
{
    [Theory]
    [InlineData("dev", "mlops")]
    [InlineData("Production-West-Europe_2", "abcdefgh")]
    [InlineData("---", "m1")]
    public void For_AnyStack_NamesFitAzureRules(string stack, string prefix)
    {
        var names = ResourceNames.For(TestStack.Settings(stack, (StackConfigKeys.NamePrefix, prefix)));

        Assert.Matches(StorageAccountName(), names.DataAccount);
        Assert.Matches(TaskHubName(), names.TaskHub);
        Assert.InRange(names.FunctionApp.Length, 2, 60);
        Assert.InRange(names.EventsTopic.Length, 3, 50);
        Assert.Matches("^[a-zA-Z0-9-]{3,64}$", names.EventsTopic);
        Assert.Matches("^[A-Za-z0-9]{3,64}$", names.IngestSubscription);
    }

    [Fact]
    public void For_SameStackTwice_SameNames()
    {
        Assert.Equal(ResourceNames.For(TestStack.Settings()), ResourceNames.For(TestStack.Settings()));
    }

    [Fact]
    public void For_TwoStacks_GloballyUniqueNamesDiffer()
    {
        var dev = ResourceNames.For(TestStack.Settings("dev"));
        var prod = ResourceNames.For(TestStack.Settings("prod"));

        Assert.NotEqual(dev.DataAccount, prod.DataAccount);
        Assert.NotEqual(dev.FunctionApp, prod.FunctionApp);
        Assert.NotEqual(dev.EventsTopic, prod.EventsTopic);
        Assert.NotEqual(dev.TaskHub, prod.TaskHub);
    }

    [Fact]
    public void For_AnyStack_DataContainerIsTheAppDefault()
    {
        Assert.Equal("mlops", ResourceNames.For(TestStack.Settings()).DataContainer);
    }

    [GeneratedRegex("^[a-z0-9]{3,24}$")]
    private static partial Regex StorageAccountName();

    // Durable task hub names: letters and digits, starting with a letter, 3-45 characters.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex TaskHubName();
}
