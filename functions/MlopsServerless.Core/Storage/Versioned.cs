namespace MlopsServerless.Core.Storage;

/// <summary>A document and the ETag it had when read, for a later If-Match write.</summary>
public sealed record Versioned<T>(T Value, string ETag);
