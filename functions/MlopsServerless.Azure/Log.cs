using Microsoft.Extensions.Logging;

namespace MlopsServerless.Azure;

/// <summary>The Azure adapters' log messages. EventIds: 9xx (Core uses 1xx-4xx). Never log connection strings or keys.</summary>
internal static partial class Log
{
    [LoggerMessage(900, LogLevel.Information, "Created blob container {Container} in account {Account}")]
    public static partial void ContainerCreated(ILogger logger, string account, string container);

    [LoggerMessage(901, LogLevel.Debug, "Append to {Key} waits: another appender holds its lease")]
    public static partial void AppendWaitingForLease(ILogger logger, string key);

    [LoggerMessage(905, LogLevel.Information, "Created table {Table} in account {Account}")]
    public static partial void TableCreated(ILogger logger, string table, string account);

    [LoggerMessage(910, LogLevel.Debug, "Published event {Id} ({Type}) to Event Grid topic {Topic}")]
    public static partial void EventPublished(ILogger logger, string id, string type, string topic);
}
