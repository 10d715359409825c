namespace MlopsServerless.Bench;

/// <summary>--name value pairs from the command line.</summary>
internal sealed class BenchArgs(Dictionary<string, string> values)
{
    public static BenchArgs Parse(IEnumerable<string> args)
    {
        var list = args.ToList();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < list.Count; i += 2)
        {
            values[list[i].TrimStart('-')] = list[i + 1];
        }

        return new BenchArgs(values);
    }

    /// <summary>The value of --name, or null when not given.</summary>
    public string? Optional(string name) => values.GetValueOrDefault(name);

    public string this[string name] =>
        values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"missing --{name}");
}
