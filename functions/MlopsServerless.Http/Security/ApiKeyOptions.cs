namespace MlopsServerless.Http.Security;

/// <summary>The keys that may call the API (every endpoint but health).</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Accepted keys. Defaults to none, which rejects every call: there is no open mode.</summary>
    public IReadOnlyList<string> Keys { get; set; } = [];

    /// <summary>
    /// True where the host has already checked the caller's key before the request reaches the handlers: the Azure
    /// Functions host does, for every function with <c>AuthorizationLevel.Function</c>. <value>Defaults to false.</value>
    /// </summary>
    public bool CheckedByHost { get; set; }
}
