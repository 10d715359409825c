namespace MlopsServerless.Http.Security;

/// <summary>The keys that may call the API (every endpoint but health).</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Accepted keys. Defaults to none, which rejects every call: there is no open mode.</summary>
    public IReadOnlyList<string> Keys { get; set; } = [];
}
