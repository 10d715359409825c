namespace MlopsServerless.Http.Problems;

/// <summary>Endpoint metadata: what the body of a request to this route looks like, quoted when a body is missing or unreadable.</summary>
/// <param name="Example">An example body or a short description of one.</param>
public sealed record BodyHint(string Example);
