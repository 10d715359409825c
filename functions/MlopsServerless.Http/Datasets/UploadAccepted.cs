namespace MlopsServerless.Http.Datasets;

/// <summary>The answer to an upload: where the file waits in incoming/ and where its outcome will be listed.</summary>
public sealed record UploadAccepted(string Key, string Dataset, string VersionsUrl, string QuarantineUrl);
