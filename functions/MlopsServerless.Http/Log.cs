using Microsoft.Extensions.Logging;

namespace MlopsServerless.Http;

/// <summary>The HTTP layer's log messages. EventIds 6xx.</summary>
internal static partial class Log
{
    [LoggerMessage(600, LogLevel.Error, "Unhandled error in {Method} {Path}")]
    public static partial void UnhandledError(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(601, LogLevel.Warning, "Rejected {Method} {Path}: missing or wrong API key")]
    public static partial void Unauthorized(ILogger logger, string method, string path);
}
