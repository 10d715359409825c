namespace MlopsServerless.Infra.Plan;

/// <summary>An app setting's value: a literal decided now, or a resource output formatted into text.</summary>
public abstract record SettingValue
{
    public static SettingValue Of(string value) => new Literal(value);

    public static SettingValue From(EnvironmentOutput output, string format = "{0}") => new FromOutput(output, format);

    /// <summary>A value known when the plan is made.</summary>
    public sealed record Literal(string Value) : SettingValue;

    /// <summary>A resource output placed into <paramref name="Format"/> at position {0}.</summary>
    public sealed record FromOutput(EnvironmentOutput Output, string Format) : SettingValue
    {
        public string Render(string outputValue) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Format, outputValue);
    }
}
