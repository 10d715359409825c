namespace MlopsServerless.Core.Errors;

/// <summary>The one exception type Core throws for expected failures. Build it with the static factories.</summary>
public sealed class MlopsException : Exception
{
    private MlopsException(ErrorCode code, string message, Exception? inner = null)
        : base(message, inner) => Code = code;

    /// <summary>What kind of failure this is.</summary>
    public ErrorCode Code { get; }

    public static MlopsException NotFound(string message) => new(ErrorCode.NotFound, message);

    public static MlopsException AlreadyExists(string message) => new(ErrorCode.AlreadyExists, message);

    public static MlopsException InvalidArgument(string message) => new(ErrorCode.InvalidArgument, message);

    public static MlopsException FailedPrecondition(string message) => new(ErrorCode.FailedPrecondition, message);

    public static MlopsException Conflict(string message, Exception? inner = null) => new(ErrorCode.Conflict, message, inner);

    public static MlopsException Unavailable(string message, Exception? inner = null) => new(ErrorCode.Unavailable, message, inner);
}
