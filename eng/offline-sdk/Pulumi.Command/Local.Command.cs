// Mirrors NuGet package Pulumi.Command 1.2.1 (pulumi/pulumi-command tag v1.2.1, sdk/dotnet/Local/Command.cs): declarations only.
#nullable enable
namespace Pulumi.Command.Local;

public partial class Command : global::Pulumi.CustomResource
{
    public Command(string name, CommandArgs? args = null, CustomResourceOptions? options = null)
        : base("command:local:Command", name, args, options)
    {
    }
}

public sealed class CommandArgs : global::Pulumi.ResourceArgs
{
    private InputMap<string>? _environment;
    private InputList<object>? _triggers;

    public Input<string>? Create { get; set; }

    public InputMap<string> Environment
    {
        get => _environment ?? (_environment = new InputMap<string>());
        set => _environment = value;
    }

    public InputList<object> Triggers
    {
        get => _triggers ?? (_triggers = new InputList<object>());
        set => _triggers = value;
    }
}
