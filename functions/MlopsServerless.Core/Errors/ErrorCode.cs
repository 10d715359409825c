namespace MlopsServerless.Core.Errors;

/// <summary>The kinds of failure Core reports; one table maps each to an HTTP status for every host.</summary>
public enum ErrorCode
{
    /// <summary>The named thing does not exist.</summary>
    NotFound,
    /// <summary>The thing being created exists already.</summary>
    AlreadyExists,
    /// <summary>The caller's input is wrong; the message says what to fix.</summary>
    InvalidArgument,
    /// <summary>The system is not in a state that allows the operation (for example no Production model).</summary>
    FailedPrecondition,
    /// <summary>A concurrent writer changed the thing first (an ETag did not match).</summary>
    Conflict,
    /// <summary>A dependency is not reachable now; retrying may succeed.</summary>
    Unavailable,
}
