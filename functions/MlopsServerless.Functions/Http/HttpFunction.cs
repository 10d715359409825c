namespace MlopsServerless.Functions.Http;

/// <summary>One HTTP function as its attributes declare it: name, methods, route template and key level.</summary>
public sealed record HttpFunction(string Name, IReadOnlyList<string> Methods, string Route, Microsoft.Azure.Functions.Worker.AuthorizationLevel AuthLevel);
