// Mirrors NuGet package Pulumi 3.112.1 (pulumi/pulumi-dotnet tag v3.112.1, sdk/Pulumi/Serialization/Attributes.cs): declarations only.
#nullable enable
namespace Pulumi;

[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputAttribute : Attribute
{
    public OutputAttribute(string? name = null) => Name = name;

    public string? Name { get; }
}

[AttributeUsage(AttributeTargets.Class)]
public sealed class OutputTypeAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.Constructor)]
public sealed class OutputConstructorAttribute : Attribute
{
}

[AttributeUsage(AttributeTargets.Struct)]
public sealed class EnumTypeAttribute : Attribute
{
}
