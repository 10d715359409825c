namespace MlopsServerless.Core.Storage;

/// <summary>When a put may happen: always, only if the object is absent, or only if it still has a given ETag.</summary>
public sealed record WriteCondition
{
    private WriteCondition(string? ifMatch, bool ifNoneMatch) => (IfMatch, IfNoneMatchAny) = (ifMatch, ifNoneMatch);

    /// <summary>The ETag the object must still have (If-Match).</summary>
    public string? IfMatch { get; }

    /// <summary>True when the object must not exist yet (If-None-Match: *).</summary>
    public bool IfNoneMatchAny { get; }

    /// <summary>Write unconditionally (last writer wins).</summary>
    public static WriteCondition None { get; } = new(null, false);

    /// <summary>Create only: fails with Conflict if the object exists.</summary>
    public static WriteCondition IfNotExists { get; } = new(null, true);

    /// <summary>Replace only the version read earlier: fails with Conflict if someone wrote in between.</summary>
    public static WriteCondition IfETagMatches(string etag) => new(etag, false);
}
