namespace MlopsServerless.Infra.Plan;

/// <summary>The stack configuration cannot describe a working environment; the message lists every problem and its fix.</summary>
public sealed class InvalidStackConfigException(IReadOnlyList<string> problems)
    : Exception("The stack configuration is not usable:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
