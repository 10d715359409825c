namespace MlopsServerless.Core.Storage;

/// <summary>One entry of a listing.</summary>
public sealed record ObjectInfo(string Key, long Length, string ETag, DateTimeOffset LastModified);
