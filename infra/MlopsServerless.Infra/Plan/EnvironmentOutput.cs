namespace MlopsServerless.Infra.Plan;

/// <summary>A value that exists only once a resource is created; the stack resolves it from that resource.</summary>
public enum EnvironmentOutput
{
    DataBlobEndpoint,
    DataQueueEndpoint,
    DataTableEndpoint,
    IdentityClientId,
    AppInsightsConnectionString,
    EventsTopicEndpoint,
}
