namespace MlopsServerless.Infra.Plan;

/// <summary>The secure-by-default flags every environment gets; none is configurable per stack.</summary>
public sealed record SecurityBaseline(
    bool AllowBlobPublicAccess,
    bool AllowSharedKeyAccess,
    string StorageMinimumTlsVersion,
    bool StorageHttpsTrafficOnly,
    bool DefaultToOAuthAuthentication,
    bool AppInsightsLocalAuthDisabled,
    bool EventsTopicLocalAuthDisabled,
    bool FunctionAppHttpsOnly,
    string FunctionAppMinimumTlsVersion,
    string FtpsState)
{
    public static readonly SecurityBaseline Default = new(
        AllowBlobPublicAccess: false,
        AllowSharedKeyAccess: false,
        StorageMinimumTlsVersion: "TLS1_2",
        StorageHttpsTrafficOnly: true,
        DefaultToOAuthAuthentication: true,
        AppInsightsLocalAuthDisabled: true,
        EventsTopicLocalAuthDisabled: true,
        FunctionAppHttpsOnly: true,
        FunctionAppMinimumTlsVersion: "1.2",
        FtpsState: "Disabled");
}
