using System.Reflection;

namespace MlopsServerless.Core.Pipeline;

/// <summary>The code a run was made with: MLOPS_CODE_VERSION when set, else the git commit the build stamped in.</summary>
public static class CodeVersion
{
    /// <summary>The version text, or null when unknown.</summary>
    public static string? Current { get; } = Environment.GetEnvironmentVariable("MLOPS_CODE_VERSION") is { Length: > 0 } set
        ? set
        : typeof(CodeVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion is { } info && info.Contains('+')
            ? info[(info.IndexOf('+') + 1)..]
            : null;
}
