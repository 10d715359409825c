namespace MlopsServerless.Infra.Stacks;

/// <summary>Which Pulumi SDK this build was compiled against (eng/PulumiSdk.props).</summary>
public static class PulumiSdkMode
{
    public const string OfflineRunMessage =
        "MlopsServerless.Infra was built with PulumiSdk=offline: it was compiled against eng/offline-sdk, declarations " +
        "without behaviour, and deploys nothing. On a machine with nuget.org run " +
        "`dotnet restore infra/MlopsServerless.Infra -p:PulumiSdk=real` once (or export PulumiSdk=real), then pulumi up again.";

#if PULUMI_OFFLINE
    public static bool IsOffline { get; } = true;
#else
    public static bool IsOffline { get; }
#endif
}
