namespace MlopsServerless.Core.Storage;

/// <summary>An object's bytes and the ETag they had when read.</summary>
public sealed record StoredObject(string Key, ReadOnlyMemory<byte> Content, string ETag);
