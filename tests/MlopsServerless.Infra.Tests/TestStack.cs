using MlopsServerless.Infra.Plan;

namespace MlopsServerless.Infra.Tests;

/// <summary>Stack settings as a test describes them: every key unset unless given.</summary>
internal static class TestStack
{
    public static StackSettings Settings(params (string Key, string Value)[] values) =>
        Settings("dev", values);

    public static StackSettings Settings(string stack, params (string Key, string Value)[] values)
    {
        var map = values.ToDictionary(v => v.Key, v => v.Value);
        map.TryAdd(StackConfigKeys.Location, "westeurope");
        return StackSettings.Read("acme", "mlops-serverless", stack, key => map.GetValueOrDefault(key));
    }

    public static EnvironmentPlan Plan(params (string Key, string Value)[] values) => EnvironmentPlan.For(Settings(values));
}
